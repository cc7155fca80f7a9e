using XenDemoCD.Posix;

namespace XenDemoCD.Build.IO;

/// <summary>
/// Makes what was written survive a power loss. A rename is atomic but not durable: without a
/// flush the kernel may write the new name to disk before the data it names.
/// </summary>
public interface IDiskFlush
{
    /// <summary>The file's data and metadata reach the disk (fsync).</summary>
    void File(string path);

    /// <summary>The directory's entries (names created, renamed, removed) reach the disk.</summary>
    void Directory(string path);
}

/// <summary>fsync(2) of files and directories.</summary>
public sealed class Fsync : IDiskFlush
{
    public static Fsync Instance { get; } = new();

    private Fsync() { }

    public void File(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            PosixCalls.Sync(path);
            return;
        }
        using var handle = System.IO.File.OpenHandle(path);
        RandomAccess.FlushToDisk(handle);
    }

    public void Directory(string path)
    {
        // Other systems have no portable way to open a directory for fsync; NTFS and APFS
        // journal renames themselves.
        if (OperatingSystem.IsLinux())
        {
            PosixCalls.Sync(path);
        }
    }
}
