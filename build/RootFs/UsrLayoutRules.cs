using System.IO.Enumeration;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// The rules of <c>usr-layout/layout.conf</c>, which split the root into the mutable part
/// (<c>root.tar.gz</c>, unpacked into RAM at boot) and the CD, which is the running system's
/// <c>/usr</c>:
/// <list type="bullet">
/// <item><c>root PATH…</c> — top-level paths kept in the mutable root (everything else outside
/// /usr is an error, so nothing is lost silently);</item>
/// <item><c>link PATH TARGET</c> — the path becomes a symlink (e.g. <c>/boot → usr/boot</c>); its
/// contents move to the target on the CD;</item>
/// <item><c>move GLOB</c> — large, rarely changed files under /etc or /var go to <c>/usr/root/…</c>
/// on the CD, with a symlink left in their place;</item>
/// <item><c>drop GLOB</c> — left out entirely (backups, generated keys).</item>
/// </list>
/// </summary>
public sealed class UsrLayoutRules
{
    private readonly List<(int Line, string Verb, string[] Args)> rules;
    private readonly string file;

    private UsrLayoutRules(string file, List<(int, string, string[])> rules)
    {
        this.file = file;
        this.rules = rules;
    }

    public static UsrLayoutRules Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(
                path,
                "the layout rules are missing",
                "restore usr-layout/layout.conf from git"
            );
        }
        var rules = new List<(int, string, string[])>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var words = raw.Split('#')[0]
                .Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }
            var verb = words[0];
            var args = words[1..].Select(RootNode.Normalize).ToArray();
            var valid = verb switch
            {
                "root" or "move" or "drop" => args.Length >= 1,
                "link" => args.Length == 2,
                _ => false,
            };
            if (!valid)
            {
                throw new InputFileException(
                    $"{path}:{number}",
                    $"'{raw.Trim()}' is not a layout rule",
                    "use 'root PATH…', 'link PATH TARGET', 'move GLOB…' or 'drop GLOB…'"
                );
            }
            rules.Add((number, verb, verb == "link" ? [args[0], words[2]] : args));
        }
        return new UsrLayoutRules(path, rules);
    }

    /// <summary>Splits the root: (the mutable root, the CD's tree with /usr as its top).</summary>
    public (RootTree Root, RootTree Cd, LayoutReport Report) Apply(RootTree full, long mtime)
    {
        var report = new LayoutReport();
        foreach (var (_, _, patterns) in rules.Where(r => r.Verb == "drop"))
        {
            foreach (var node in Matching(full, patterns))
            {
                report.Dropped += full.Remove(node.Path).Count;
            }
        }
        foreach (var (line, _, patterns) in rules.Where(r => r.Verb == "move"))
        {
            foreach (var node in Matching(full, patterns))
            {
                var moved = full.Remove(node.Path);
                foreach (var gone in moved)
                {
                    full.Set(gone with { Path = "usr/root/" + gone.Path });
                }
                full.Set(RootNode.Symlink(node.Path, "/usr/root/" + node.Path, mtime));
                report.Moved.Add("/" + node.Path);
            }
        }
        foreach (var (_, _, args) in rules.Where(r => r.Verb == "link"))
        {
            var (path, target) = (args[0], args[1]);
            var resolved = RootNode.Normalize(
                target.StartsWith('/')
                    ? target
                    : Path.Combine(Path.GetDirectoryName(path) ?? "", target).Replace('\\', '/')
            );
            foreach (var gone in full.Remove(path))
            {
                if (gone.Path != path)
                {
                    full.Set(gone with { Path = resolved + gone.Path[path.Length..] });
                }
                else if (!full.Contains(resolved))
                {
                    full.Set(gone with { Path = resolved });
                }
            }
            full.Set(RootNode.Symlink(path, target, mtime));
        }
        full.AddMissingParents(mtime);

        var kept = rules
            .Where(r => r.Verb is "root" or "link")
            .SelectMany(r => r.Verb == "link" ? [r.Args[0]] : r.Args)
            .ToHashSet(StringComparer.Ordinal);
        var root = new RootTree();
        var cd = new RootTree();
        foreach (var node in full.Nodes)
        {
            var top = node.Path.Split('/')[0];
            if (top == "usr")
            {
                if (node.Path != "usr")
                {
                    cd.Set(
                        node with
                        {
                            Path = node.Path[4..],
                            LinkTarget =
                                node.Kind == NodeKind.HardLink
                                    ? node.LinkTarget![4..]
                                    : node.LinkTarget,
                        }
                    );
                }
                else
                {
                    root.Set(node); // the mount point itself
                }
            }
            else if (kept.Contains(top))
            {
                root.Set(node);
            }
            else
            {
                throw new InputFileException(
                    file,
                    $"'/{node.Path}' is neither kept in the root nor on the CD",
                    $"add 'root /{top}' (keep it in RAM), 'move' or 'drop' it"
                );
            }
        }
        var crossLinks = root
            .Nodes.Where(n =>
                n.Kind == NodeKind.HardLink
                && n.LinkTarget!.StartsWith("usr/", StringComparison.Ordinal)
            )
            .ToList();
        if (crossLinks.Count > 0)
        {
            throw new InputFileException(
                file,
                $"hard links would cross from the root to the CD: {string.Join(", ", crossLinks.Select(n => "/" + n.Path))}",
                "move both ends to the same side"
            );
        }
        return (root, cd, report);
    }

    // '*' matches any run of characters, '/' included. A matched directory takes its subtree
    // with it, so its members are not listed again.
    private static List<RootNode> Matching(RootTree tree, string[] patterns)
    {
        var matched = tree
            .Nodes.Where(n =>
                patterns.Any(p =>
                    FileSystemName.MatchesSimpleExpression(p, n.Path, ignoreCase: false)
                )
            )
            .ToList();
        var directories = matched
            .Where(n => n.Kind == NodeKind.Directory)
            .Select(n => n.Path + "/")
            .ToList();
        return matched
            .Where(n => !directories.Any(d => n.Path.StartsWith(d, StringComparison.Ordinal)))
            .ToList();
    }
}

/// <summary>What the layout did, for the log.</summary>
public sealed class LayoutReport
{
    public int Dropped { get; set; }

    public List<string> Moved { get; } = [];
}
