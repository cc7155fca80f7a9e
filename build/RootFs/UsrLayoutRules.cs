using System.IO.Enumeration;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;

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
    private readonly List<Rule> rules;
    private readonly string file;

    private UsrLayoutRules(string file, List<Rule> rules)
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
        var rules = new List<Rule>();
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
            rules.Add(Parse(path, number, raw.Trim(), words));
        }
        return new UsrLayoutRules(path, rules);
    }

    private static Rule Parse(string path, int number, string line, string[] words)
    {
        var optional = words[0] is "move?" or "drop?";
        var verb = words[0].TrimEnd('?');
        var args = words[1..];
        InputFileException Wrong(string problem, string fix, string field) =>
            new(path, problem, fix, number, field);
        if (verb is not ("root" or "link" or "move" or "drop") || words[0] is "root?" or "link?")
        {
            var nearest = NearestName.To(words[0], ["root", "link", "move", "drop"]);
            throw Wrong(
                $"'{words[0]}' is not a layout rule",
                (nearest is null ? "" : $"did you mean '{nearest}'? ")
                    + "Use 'root PATH…', 'link PATH TARGET', 'move GLOB…' or 'drop GLOB…' ('move?'/'drop?' when the files may be absent)",
                "VERB"
            );
        }
        if (verb == "link" ? args.Length != 2 : args.Length == 0)
        {
            throw Wrong(
                $"'{line}' has {args.Length} argument(s)",
                verb == "link"
                    ? "write 'link PATH TARGET', e.g. 'link /boot usr/boot'"
                    : $"write '{verb} PATH…' with at least one path",
                verb == "link" ? "TARGET" : "PATH"
            );
        }
        var relative = (verb == "link" ? args[..1] : args).FirstOrDefault(a => !a.StartsWith('/'));
        if (relative is not null)
        {
            throw Wrong(
                $"'{relative}' is not an absolute path",
                "write paths as the running system sees them, starting with '/'",
                "PATH"
            );
        }
        if (verb == "root")
        {
            var nested = args.FirstOrDefault(a => RootNode.Normalize(a).Contains('/'));
            if (nested is not null)
            {
                throw Wrong(
                    $"'{nested}' is not a top-level directory",
                    "'root' keeps whole top-level directories such as /etc; use 'move' or 'drop' for paths below them",
                    "PATH"
                );
            }
        }
        var normalized = args.Select(RootNode.Normalize).ToArray();
        return new Rule(
            number,
            verb,
            verb == "link" ? [normalized[0], args[1]] : normalized,
            optional
        );
    }

    /// <summary>Splits the root: (the mutable root, the CD's tree with /usr as its top).</summary>
    /// <param name="requireMatches">
    /// A 'move' or 'drop' pattern that matches nothing is a typo, unless the rule is marked
    /// optional ('move?', 'drop?'). Not checked for a root that already went through the layout
    /// (an unpacked CD's), where the dropped files are gone by design.
    /// </param>
    public (RootTree Root, RootTree Cd, LayoutReport Report) Apply(
        RootTree full,
        long mtime,
        bool requireMatches = true
    )
    {
        var report = new LayoutReport();
        foreach (var rule in rules.Where(r => r.Verb == "drop"))
        {
            foreach (var node in Matching(full, rule, requireMatches))
            {
                report.Dropped += full.Remove(node.Path).Count;
            }
        }
        foreach (var rule in rules.Where(r => r.Verb == "move"))
        {
            foreach (var node in Matching(full, rule, requireMatches))
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
        foreach (var (_, _, args, _) in rules.Where(r => r.Verb == "link"))
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
    private List<RootNode> Matching(RootTree tree, Rule rule, bool requireMatches)
    {
        bool Matches(string pattern, RootNode node) =>
            FileSystemName.MatchesSimpleExpression(pattern, node.Path, ignoreCase: false);
        var unmatched =
            requireMatches && !rule.Optional
                ? rule.Args.FirstOrDefault(p => !tree.Nodes.Any(n => Matches(p, n)))
                : null;
        if (unmatched is not null)
        {
            throw new InputFileException(
                file,
                $"'{rule.Verb} /{unmatched}' matches nothing in the root",
                $"correct the path, or write '{rule.Verb}?' if the files may be absent",
                rule.Line,
                "PATH"
            );
        }
        var matched = tree.Nodes.Where(n => rule.Args.Any(p => Matches(p, n))).ToList();
        var directories = matched
            .Where(n => n.Kind == NodeKind.Directory)
            .Select(n => n.Path + "/")
            .ToList();
        return matched
            .Where(n => !directories.Any(d => n.Path.StartsWith(d, StringComparison.Ordinal)))
            .ToList();
    }

    private sealed record Rule(int Line, string Verb, string[] Args, bool Optional);
}

/// <summary>What the layout did, for the log.</summary>
public sealed class LayoutReport
{
    public int Dropped { get; set; }

    public List<string> Moved { get; } = [];
}
