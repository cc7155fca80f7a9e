namespace XenDemoCD.Build.Boot;

/// <summary>
/// The files of this build system that the CD carries under <c>/XenDemoCD/build</c>, so a CD can
/// be unpacked and rebuilt (README.CD): everything in the repository except build outputs,
/// caches and version-control data.
/// </summary>
public static class BuildSystemFiles
{
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
    };

    /// <summary>Relative paths (forward slashes), in ordinal order.</summary>
    public static IReadOnlyList<string> List(string root)
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
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
