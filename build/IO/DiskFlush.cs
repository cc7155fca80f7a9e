using System.Runtime.InteropServices;

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
            Sync(path);
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
            Sync(path);
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void Sync(string path)
    {
        // O_RDONLY alone opens a directory as well as a file (O_DIRECTORY's value differs between
        // architectures); O_NONBLOCK keeps a FIFO from blocking the open. fsync flushes through
        // any descriptor of the inode, a read-only one included.
        var descriptor = open(path, ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException(
                $"open {path} to fsync it: errno {Marshal.GetLastPInvokeError()}"
            );
        }
        try
        {
            // EINVAL: a FIFO or socket, which holds no data on disk.
            if (
                fsync(descriptor) != 0
                && Marshal.GetLastPInvokeError() is var errno
                && errno != InvalidArgument
            )
            {
                throw new IOException($"fsync {path}: errno {errno}");
            }
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    private const int ReadOnly = 0;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int InvalidArgument = 22;

#pragma warning disable SYSLIB1054 // DllImport keeps the project free of AllowUnsafeBlocks.
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int descriptor);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int descriptor);
#pragma warning restore SYSLIB1054
}
