using Serilog;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// The files of this build system that the CD carries under <c>/XenDemoCD/build</c>, so a CD can
/// be unpacked and rebuilt (README.CD). The CD is public, so only what is meant to be published
/// goes: in a git checkout the tracked files, in an unpacked CD the files the CD carried
/// (<see cref="RecordName"/>, written by Unpack); a key or a .env lying beside them stays behind.
/// </summary>
public static class BuildSystemFiles
{
    /// <summary>At the top of an unpacked CD: the build system's files as the CD carried them, one a line.</summary>
    public const string RecordName = "build-files.txt";

    /// <summary>What the CD carries, and what lies in the checkout but is left out.</summary>
    public sealed record Selection(IReadOnlyList<string> Files, IReadOnlyList<string> LeftOut);

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        ".git",
        "bin",
        "obj",
        "out",
        "cache",
        "TestResults",
        "node_modules",
    };

    /// <summary>What Unpack writes at the top of an unpacked CD beside the build system.</summary>
    private static readonly HashSet<string> UnpackedContent = new(StringComparer.Ordinal)
    {
        "root",
        "prebuilt",
        "root.metadata",
        "VERSION",
        "Builder",
        "build-settings.json",
        RecordName,
    };

    /// <summary>Relative paths (forward slashes), in ordinal order.</summary>
    public static IReadOnlyList<string> List(string root) => Select(root).Files;

    public static Selection Select(string root)
    {
        if (GitInfo.ListFiles(root, "--cached") is { } tracked)
        {
            // Untracked files git does not ignore: ignored ones (out/, bin/, obj/, cache/) are
            // build products nobody expects on the CD.
            return new(
                Existing(root, tracked),
                Sorted(GitInfo.ListFiles(root, "--others", "--exclude-standard") ?? [])
            );
        }
        var found = Walk(root);
        var record = Path.Combine(root, RecordName);
        if (File.Exists(record))
        {
            var recorded = File.ReadAllLines(record)
                .Where(l => l.Length > 0)
                .ToHashSet(StringComparer.Ordinal);
            return new(Existing(root, recorded), Sorted(found.Where(f => !recorded.Contains(f))));
        }
        Log.Warning(
            "{Root} is neither a git checkout nor an unpacked CD with {Record}: the CD carries every file found there as its build system",
            root,
            RecordName
        );
        return new(found, []);
    }

    private static List<string> Existing(string root, IEnumerable<string> files) =>
        Sorted(
            files.Where(f =>
                !UnpackedContent.Contains(f)
                && new FileInfo(Path.Combine(root, f)) is var info
                && (info.Exists || info.LinkTarget is not null)
            )
        );

    private static List<string> Sorted(IEnumerable<string> files)
    {
        var list = files.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    /// <summary>Every file under <paramref name="root"/> but build outputs, caches and version-control data.</summary>
    private static List<string> Walk(string root)
    {
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                if (entry is DirectoryInfo && entry.LinkTarget is null)
                {
                    // An unpacked CD keeps its root tree in root/ and its kernel and Xen in
                    // prebuilt/: that is the CD's content, not the build system.
                    if (
                        !SkippedDirectories.Contains(entry.Name)
                        && !UnpackedContent.Contains(relative)
                    )
                    {
                        pending.Push(entry.FullName);
                    }
                }
                else if (
                    !entry.Name.EndsWith(".swp", StringComparison.Ordinal)
                    && !UnpackedContent.Contains(relative)
                )
                {
                    files.Add(relative);
                }
            }
        }
        return Sorted(files);
    }
}
