using System.Text.RegularExpressions;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Architecture;

/// <summary>
/// The arrows of ARCHITECTURE.md, checked on the build host's source: which namespace may use
/// which. A file uses a namespace when it imports it (<c>using</c>), names one of its types
/// through it (<c>Tasks.Kernel</c>, <c>XenDemoCD.Build.Tasks.Kernel</c>) or, for the root
/// namespace, names one of its types at all (nested namespaces see them without an import).
/// </summary>
public sealed partial class NamespaceDependencyTests
{
    private const string Build = "XenDemoCD.Build";

    /// <summary>The entry point and the run's lifetime sit above the tasks they run.</summary>
    private static readonly string[] EntryFiles = ["Program.cs", "Lifetime.cs"];

    private static readonly IReadOnlyList<SourceFile> Sources = ReadSources();

    [Fact]
    public void Only_the_entry_point_and_the_tasks_themselves_use_the_tasks()
    {
        var offenders = Sources
            .Where(f => f.Namespace != $"{Build}.Tasks" && !EntryFiles.Contains(f.RelativePath))
            .Where(f => f.Uses($"{Build}.Tasks"))
            .Select(f => f.RelativePath);

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_host_uses_nothing_of_the_build_but_the_progress_display()
    {
        var offenders = Sources
            .Where(f => f.Namespace == $"{Build}.Host")
            .SelectMany(f =>
                f.UsedNamespaces()
                    .Where(n => n != $"{Build}.Host" && n != $"{Build}.Progress")
                    .Select(n => $"{f.RelativePath} uses {n}")
            );

        Assert.Empty(offenders);
    }

    [Fact]
    public void Booting_in_qemu_knows_nothing_of_how_the_cd_is_made_or_of_the_build_context()
    {
        string[] forbidden = [Build, $"{Build}.Cd", $"{Build}.Tasks", $"{Build}.Stages"];
        var offenders = Sources
            .Where(f => f.Namespace == $"{Build}.Qemu")
            .SelectMany(f => forbidden.Where(f.Uses).Select(n => $"{f.RelativePath} uses {n}"));

        Assert.Empty(offenders);
    }

    [Fact]
    public void Making_the_cd_never_uses_the_qemu_driver()
    {
        var offenders = Sources
            .Where(f => f.Namespace == $"{Build}.Cd" && f.Uses($"{Build}.Qemu"))
            .Select(f => f.RelativePath);

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_namespaces_form_no_cycle_so_each_builds_only_on_the_ones_below_it()
    {
        var uses = Sources
            .Where(f => !EntryFiles.Contains(f.RelativePath))
            .SelectMany(f =>
                f.UsedNamespaces().Select(used => (From: Layer(f.Namespace), To: Layer(used)))
            )
            .Where(use => use.From != use.To)
            .ToHashSet();

        Assert.Empty(Cycles(uses));
    }

    [Fact]
    public void The_cycle_check_finds_a_cycle_through_three_namespaces_and_none_in_a_chain()
    {
        Assert.Equal(
            ["Cd → Debian → RootFs → Cd"],
            Cycles([("Cd", "Debian"), ("Debian", "RootFs"), ("RootFs", "Cd"), ("Cd", "IO")])
        );
        Assert.Empty(Cycles([("Tasks", "Cd"), ("Cd", "Debian"), ("Tasks", "Debian")]));
    }

    /// <summary>A sub-namespace (<c>Stages.Code</c>) is part of its parent's layer.</summary>
    private static string Layer(string ns) =>
        ns.StartsWith(Build + ".", StringComparison.Ordinal)
            ? $"{Build}.{ns[(Build.Length + 1)..].Split('.')[0]}"
            : ns;

    /// <summary>Each cycle once, as the path from its first namespace in ordinal order back to itself.</summary>
    private static List<string> Cycles(IReadOnlyCollection<(string From, string To)> uses)
    {
        var next = uses.GroupBy(u => u.From)
            .ToDictionary(
                g => g.Key,
                g => g.Select(u => u.To).Order(StringComparer.Ordinal).ToList()
            );
        var cycles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var start in next.Keys.Order(StringComparer.Ordinal))
        {
            if (PathBack(start, start, next, [start]) is { } path)
            {
                // Rotated to its smallest member, so one cycle is reported once.
                var members = path.Take(path.Count - 1).ToList();
                var first = members.IndexOf(members.Min(StringComparer.Ordinal)!);
                var rotated = members.Skip(first).Concat(members.Take(first)).ToList();
                cycles.Add(string.Join(" → ", rotated.Append(rotated[0]).Select(Short)));
            }
        }
        return [.. cycles];
    }

    private static List<string>? PathBack(
        string at,
        string start,
        Dictionary<string, List<string>> next,
        List<string> path
    )
    {
        foreach (var to in next.GetValueOrDefault(at) ?? [])
        {
            if (to == start)
            {
                return [.. path, to];
            }
            if (!path.Contains(to) && PathBack(to, start, next, [.. path, to]) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    private static string Short(string ns) =>
        ns == Build ? "(root)"
        : ns.StartsWith(Build + ".", StringComparison.Ordinal) ? ns[(Build.Length + 1)..]
        : ns;

    [Fact]
    public void The_check_sees_a_use_through_an_import_a_qualified_name_and_a_root_type()
    {
        var file = new SourceFile(
            "Qemu/Example.cs",
            $"{Build}.Qemu",
            """
            using XenDemoCD.Build.Cd;
            namespace XenDemoCD.Build.Qemu;
            // Tasks.Kernel in a comment is no use
            class A { object b = Tasks.Kernel.Image; BuildContext? c; string d = "Stages.StageTask"; }
            """
        );

        Assert.True(file.Uses($"{Build}.Cd"));
        Assert.True(file.Uses($"{Build}.Tasks"));
        Assert.True(file.Uses(Build));
        Assert.False(file.Uses($"{Build}.Stages"));
    }

    private static List<SourceFile> ReadSources()
    {
        var root = RepositoryRoot.Combine("build");
        var files = Directory
            .GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
            .Select(path =>
            {
                var text = File.ReadAllText(path);
                var ns = NamespaceLine().Match(text) is { Success: true } m
                    ? m.Groups[1].Value
                    : Build;
                return new SourceFile(Path.GetRelativePath(root, path), ns, text);
            })
            .ToList();
        SourceFile.RootTypes =
        [
            .. files
                .Where(f => f.Namespace == Build)
                .SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => m.Groups[1].Value)),
        ];
        SourceFile.Segments =
        [
            .. files
                .Select(f => f.Namespace)
                .Where(n => n.StartsWith(Build + ".", StringComparison.Ordinal))
                .Select(n => n[(Build.Length + 1)..].Split('.')[0])
                .Distinct(),
        ];
        return files;
    }

    private sealed partial record SourceFile(string RelativePath, string Namespace, string Text)
    {
        public static HashSet<string> RootTypes { get; set; } = [];
        public static HashSet<string> Segments { get; set; } = [];

        /// <summary>The code without comments, string literals or using lines.</summary>
        private string Code =>
            UsingLine().Replace(StringLiteral().Replace(Comment().Replace(Text, ""), "\"\""), "");

        public bool Uses(string ns) => UsedNamespaces().Contains(ns);

        public HashSet<string> UsedNamespaces()
        {
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match m in UsingLine().Matches(Text))
            {
                used.Add(m.Groups[1].Value);
            }
            var code = Code;
            foreach (Match m in FullyQualified().Matches(code))
            {
                used.Add($"{Build}.{m.Groups[1].Value}");
            }
            foreach (Match m in ShortQualified().Matches(code))
            {
                if (Segments.Contains(m.Groups[1].Value))
                {
                    used.Add($"{Build}.{m.Groups[1].Value}");
                }
            }
            if (Namespace != Build && RootTypes.Any(t => Regex.IsMatch(code, $@"(?<![\w.]){t}\b")))
            {
                used.Add(Build);
            }
            used.Remove(Namespace);
            return used;
        }

        [GeneratedRegex(@"^using (XenDemoCD\.Build(?:\.\w+)*);", RegexOptions.Multiline)]
        private static partial Regex UsingLine();

        [GeneratedRegex(@"//.*")]
        private static partial Regex Comment();

        [GeneratedRegex("\"[^\"\\n]*\"")]
        private static partial Regex StringLiteral();

        [GeneratedRegex(@"(?<![\w.])XenDemoCD\.Build\.(\w+)")]
        private static partial Regex FullyQualified();

        [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)\.[A-Z]\w*")]
        private static partial Regex ShortQualified();
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"(?:class|record|enum|struct|interface)\s+(\w+)")]
    private static partial Regex TypeDeclaration();
}
