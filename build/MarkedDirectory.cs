using Serilog;
using XenDemoCD.Build.IO;

namespace XenDemoCD.Build;

/// <summary>
/// A directory the build made and marked with a file of its own (<see cref="OutputDirectory"/>,
/// <see cref="CacheDirectory"/>), so that emptying it later can tell it from a directory an
/// option named by mistake.
/// </summary>
public static class MarkedDirectory
{
    /// <summary>
    /// Makes <paramref name="path"/> with its marker when it does not exist yet (or is empty). A
    /// directory with content of unknown origin is left unmarked.
    /// </summary>
    public static void Prepare(string path, string markerName, string markerText)
    {
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            return;
        }
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, markerName), markerText);
    }

    /// <summary>Removes each entry: a directory with all it holds, a link or a file as itself.</summary>
    public static void Remove(IEnumerable<FileSystemInfo> entries)
    {
        foreach (var entry in entries)
        {
            Log.Information("Removing {Path}", entry.FullName);
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                DirectoryRemoval.DeleteIfPresent(entry.FullName);
            }
            else
            {
                entry.Delete();
            }
        }
    }
}
