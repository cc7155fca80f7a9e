namespace XenDemoCD.Build.Debian;

/// <summary>
/// The directory a tar archive is extracted into, and where each entry may go in it. Checking the
/// path text is not enough: an earlier entry (or the target itself) may have put a symlink where
/// a later entry's directory is, and writing <c>link/file</c> would then follow it out. So every
/// directory an entry lies below must be a real directory, checked on disk without following
/// links.
/// </summary>
public sealed class ExtractionTarget
{
    private readonly string archive;

    /// <summary>Directories (full paths) already seen to be real directories, not symlinks.</summary>
    private readonly HashSet<string> realDirectories = new(StringComparer.Ordinal);

    public ExtractionTarget(string target, string archive)
    {
        Root = Path.GetFullPath(target);
        this.archive = archive;
        Directory.CreateDirectory(Root);
        realDirectories.Add(Root);
    }

    public string Root { get; }

    /// <summary>
    /// The full path for an entry, its parent directories made. <paramref name="relative"/> is
    /// where the entry goes; <paramref name="entryName"/> is its name in the archive, for the error.
    /// </summary>
    public string PathFor(string relative, string entryName)
    {
        var path = Contained(relative, entryName, "");
        var parent = Path.GetDirectoryName(path)!;
        RequireRealDirectories(parent, entryName, "");
        Directory.CreateDirectory(parent);
        return path;
    }

    /// <summary>
    /// The path of a directory entry: as <see cref="PathFor"/>, and the directory itself must not
    /// be a symlink either (creating it would succeed through the link, and its mode would be set
    /// on what the link points at).
    /// </summary>
    public string DirectoryFor(string relative, string entryName)
    {
        var path = PathFor(relative, entryName);
        if (LinkTarget(path) is { } link)
        {
            Refuse(entryName, $"is a directory where the symlink '{Relative(path)}' → '{link}' is");
        }
        realDirectories.Add(path);
        return path;
    }

    /// <summary>
    /// The file a hard link entry copies: an earlier regular file of this extraction, reached
    /// through real directories only and not itself a symlink (copying one would read what it
    /// points at, anywhere on the host).
    /// </summary>
    public string HardLinkSource(string relative, string entryName, string linkName)
    {
        var which = $"is a hard link to '{linkName}', which ";
        var path = Contained(relative, entryName, which);
        RequireRealDirectories(Path.GetDirectoryName(path)!, entryName, which);
        if (LinkTarget(path) is { } link)
        {
            Refuse(entryName, $"{which}is a symlink to '{link}'");
        }
        if (!File.Exists(path))
        {
            Refuse(entryName, $"{which}is no file extracted before it");
        }
        return path;
    }

    /// <summary>A symlink made at <paramref name="path"/>: nothing may be written below it.</summary>
    public void SymlinkMade(string path) => realDirectories.Remove(path);

    /// <param name="which">
    /// Empty for the entry's own path; for the file a hard link names, the start of the sentence
    /// ("is a hard link to 'x', which ") the problem completes.
    /// </param>
    private string Contained(string relative, string entryName, string which)
    {
        if (relative.Replace('\\', '/').Split('/').Contains(".."))
        {
            Refuse(
                entryName,
                $"{which}has a '..' component, which may lead out of the extraction directory"
            );
        }
        var path = Path.GetFullPath(Path.Combine(Root, relative));
        if (
            path != Root
            && !path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        )
        {
            Refuse(entryName, $"{which}points outside the extraction directory");
        }
        return path;
    }

    /// <summary>Every existing directory from the root down to <paramref name="directory"/> is no symlink.</summary>
    private void RequireRealDirectories(string directory, string entryName, string which)
    {
        if (realDirectories.Contains(directory))
        {
            return;
        }
        RequireRealDirectories(Path.GetDirectoryName(directory)!, entryName, which);
        if (LinkTarget(directory) is { } link)
        {
            Refuse(
                entryName,
                $"{which}lies below the symlink '{Relative(directory)}' → '{link}': writing it would follow the link"
            );
        }
        if (Directory.Exists(directory))
        {
            realDirectories.Add(directory);
        }
    }

    private static string? LinkTarget(string path) => new FileInfo(path).LinkTarget;

    private string Relative(string path) => Path.GetRelativePath(Root, path);

    private void Refuse(string entryName, string problem) =>
        throw new ArchiveEntryRefusedException(archive, entryName, problem);
}
