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
        if (CreateHardLink(existing, link) != 0)
        {
            throw new IOException(
                $"Cannot hard-link {link} to {existing} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}); the output and the stage it copies must be on one file system."
            );
        }
    }

    [System.Runtime.InteropServices.DllImport(
        "libc",
        EntryPoint = "link",
        SetLastError = true,
        CharSet = System.Runtime.InteropServices.CharSet.Ansi
    )]
    private static extern int CreateHardLink(string existing, string link);
}
