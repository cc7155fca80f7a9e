using XenDemoCD.Build.IO;

namespace XenDemoCD.Build.Stages;

/// <summary>
/// A stage's output directory, written in a temporary directory beside it and renamed into
/// place with its manifest last, so an interrupted build never leaves an output that looks
/// complete: an output counts only with its manifest inside.
/// </summary>
public sealed class StageDirectory(string path, IDiskFlush? flush = null)
{
    private readonly IDiskFlush flush = flush ?? Fsync.Instance;

    public const string ManifestFileName = ".manifest";

    public string Path { get; } = path;

    public string Temporary => Path + ".partial";

    private string Retired => Path + ".old";

    /// <summary>The manifest of the last successful run, or null when there is no complete output.</summary>
    public StageManifest? ReadCommittedManifest()
    {
        var file = System.IO.Path.Combine(Path, ManifestFileName);
        return File.Exists(file) ? StageManifest.Parse(File.ReadAllText(file)) : null;
    }

    /// <summary>An empty temporary directory for a new attempt (leftovers of a killed one are removed).</summary>
    public string BeginAttempt()
    {
        DirectoryRemoval.DeleteIfPresent(Temporary);
        DirectoryRemoval.DeleteIfPresent(Retired);
        Directory.CreateDirectory(Temporary);
        return Temporary;
    }

    /// <summary>
    /// Seal the attempt: manifest into the temporary directory, then swap it into place. Each
    /// step reaches the disk before the next (the data, then the manifest that vouches for it,
    /// then the names), so after a power loss a manifest never sits beside a truncated file.
    /// </summary>
    public void Commit(StageManifest manifest)
    {
        FlushTree(Temporary);
        var manifestFile = System.IO.Path.Combine(Temporary, ManifestFileName);
        File.WriteAllText(manifestFile + ".tmp", manifest.Serialize());
        flush.File(manifestFile + ".tmp");
        File.Move(manifestFile + ".tmp", manifestFile);
        flush.Directory(Temporary);
        if (Directory.Exists(Path))
        {
            // The old output first loses its place, then the new one takes it; a kill between the
            // two leaves no output, never a mixed one.
            Directory.Move(Path, Retired);
        }
        Directory.Move(Temporary, Path);
        flush.Directory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        DirectoryRemoval.DeleteIfPresent(Retired);
    }

    /// <summary>
    /// Every regular file and directory of the output, once, at commit: the stage wrote them
    /// through whatever code it runs (compilers, archive readers), so this is the one place that
    /// sees them all. In parallel, because concurrent fsyncs share the file system's journal
    /// commits: a source tree of tens of thousands of files costs seconds, not minutes.
    /// </summary>
    private void FlushTree(string root)
    {
        var files = new List<string>();
        var directories = new List<string>();
        Collect(new DirectoryInfo(root), files, directories);
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, flush.File);
        Parallel.ForEach(
            directories,
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            flush.Directory
        );
    }

    // Symlinks are not followed (a link's target is not the stage's to flush); the link itself
    // is a name in its directory, flushed with the directory.
    private static void Collect(
        DirectoryInfo directory,
        List<string> files,
        List<string> directories
    )
    {
        directories.Add(directory.FullName);
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }
            if (entry is DirectoryInfo sub)
            {
                Collect(sub, files, directories);
            }
            else
            {
                files.Add(entry.FullName);
            }
        }
    }
}
