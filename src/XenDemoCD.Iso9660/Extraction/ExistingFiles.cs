namespace XenDemoCD.Iso9660;

/// <summary>What extraction does when a name it would create already exists in the target.</summary>
public enum ExistingFilePolicy
{
    /// <summary>Write nothing at all and throw <see cref="ExistingFilesException"/>.</summary>
    Refuse,

    /// <summary>
    /// Replace existing files, symlinks and special files (the old one is removed first, so
    /// nothing is written through a link). A directory where the image has a non-directory is
    /// still refused: replacing it would delete a whole tree.
    /// </summary>
    Overwrite,
}

/// <summary>Extraction stopped before writing anything, because names it would create exist.</summary>
public sealed class ExistingFilesException(IReadOnlyList<string> paths, string problem)
    : IOException(
        paths.Count == 1
            ? $"{paths[0]} {problem}; nothing was extracted"
            : $"{paths[0]} {problem} (and {paths.Count - 1} more); nothing was extracted"
    )
{
    /// <summary>Every existing path in the way, in extraction order.</summary>
    public IReadOnlyList<string> Paths { get; } = paths;
}

/// <summary>
/// Looks for every name an extraction would create that already exists, before anything is
/// written, so a refused extraction leaves the target exactly as it was.
/// </summary>
internal static class ExistingFiles
{
    public static List<(string Path, bool IsDirectory)> Find(
        IEnumerable<(IsoEntry Entry, string Destination)> plan,
        string root
    )
    {
        var found = new List<(string, bool)>();
        if (!IsRealDirectory(root))
        {
            return found; // a new target holds nothing, and a file there fails on creation
        }
        // Only inside directories that exist on disk can anything be in the way.
        var existingDirectories = new HashSet<string>(StringComparer.Ordinal) { root };
        foreach (var (entry, destination) in plan)
        {
            if (!existingDirectories.Contains(Path.GetDirectoryName(destination)!))
            {
                continue;
            }
            if (!Exists(destination))
            {
                continue;
            }
            var isDirectory = IsRealDirectory(destination);
            if (entry.Kind == EntryKind.Directory && isDirectory)
            {
                existingDirectories.Add(destination); // merged into, as mkdir -p would
                continue;
            }
            found.Add((destination, isDirectory));
        }
        return found;
    }

    /// <summary>Whether anything has that name, a dangling symlink included.</summary>
    public static bool Exists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    public static bool IsRealDirectory(string path) =>
        Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null;
}
