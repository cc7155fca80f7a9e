using XenDemoCD.Posix;

namespace XenDemoCD.Build.Linux;

/// <summary>
/// A copy of a directory tree whose files are hard links to the original: a 1.4 GB kernel tree
/// "copied" in seconds and without disk space. A file that will be changed must be
/// <see cref="Detach">detached</see> first, so the original never changes with it.
/// </summary>
public static class HardLinkTree
{
    public static int Create(string from, string to)
    {
        var files = 0;
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo directory)
            {
                files += Create(directory.FullName, target);
                Directory.SetLastWriteTimeUtc(target, directory.LastWriteTimeUtc);
            }
            else
            {
                Link(entry.FullName, target);
                files++;
            }
        }
        return files;
    }

    /// <summary>Replaces a hard link by a private copy with the same content, mode and time.</summary>
    public static void Detach(string file)
    {
        if (!File.Exists(file) || new FileInfo(file).LinkTarget is not null)
        {
            return;
        }
        var copy = file + ".detaching";
        File.Copy(file, copy, overwrite: true);
        File.SetLastWriteTimeUtc(copy, File.GetLastWriteTimeUtc(file));
        File.Move(copy, file, overwrite: true);
    }

    private static void Link(string existing, string link)
    {
        if (!OperatingSystem.IsLinux())
        {
            // The kernel compiles only on Linux; this copy serves the kernel's tree.
            throw new PlatformNotSupportedException("A hard-linked tree needs Linux.");
        }
        try
        {
            PosixCalls.Link(existing, link);
        }
        catch (IOException e)
        {
            throw new IOException(
                $"Cannot hard-link {link} to {existing} ({e.Message}); the output and the stage it copies must be on one file system.",
                e
            );
        }
    }
}
