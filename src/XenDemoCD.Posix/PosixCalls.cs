using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace XenDemoCD.Posix;

/// <summary>
/// The POSIX calls the BCL does not offer: owners, inode numbers, device nodes, hard links, the
/// times of symlinks, setuid/setgid/sticky, and a rename that replaces an empty directory. Each
/// failure is an <see cref="IOException"/> naming the call, the path and the system's message;
/// the <c>Try</c> forms return false where a user without privileges is refused (EPERM).
/// </summary>
[SupportedOSPlatform("linux")]
public static class PosixCalls
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;

    /// <summary>
    /// Whether the process runs with effective user id 0 (<c>geteuid</c>), i.e. may give files
    /// away with <see cref="SetOwner"/> and usually create device nodes with <see cref="MakeNode"/>.
    /// </summary>
    public static bool IsRoot => geteuid() == 0;

    /// <summary>
    /// statx(2) with AT_SYMLINK_NOFOLLOW and STATX_BASIC_STATS, like lstat: a symlink describes
    /// itself, not its target.
    /// </summary>
    /// <param name="path">The path to examine, absolute or relative to the current directory.</param>
    /// <returns>The type, mode, owners, link count, device and inode, size and times.</returns>
    /// <exception cref="IOException">statx failed (no such file, no permission, ...).</exception>
    public static FileStatus LStat(string path)
    {
        var buffer = new byte[StatxLayout.Size];
        Check(
            statx(AtFdCwd, path, AtSymlinkNoFollow, StatxLayout.BasicStats, buffer),
            "statx",
            path
        );
        ReadOnlySpan<byte> b = buffer;
        return new FileStatus(
            Mode: BinaryPrimitives.ReadUInt16LittleEndian(b[StatxLayout.Mode..]),
            Uid: BinaryPrimitives.ReadUInt32LittleEndian(b[StatxLayout.Uid..]),
            Gid: BinaryPrimitives.ReadUInt32LittleEndian(b[StatxLayout.Gid..]),
            LinkCount: BinaryPrimitives.ReadUInt32LittleEndian(b[StatxLayout.LinkCount..]),
            Device: (
                (ulong)BinaryPrimitives.ReadUInt32LittleEndian(b[StatxLayout.DevMajor..]) << 32
            ) | BinaryPrimitives.ReadUInt32LittleEndian(b[StatxLayout.DevMinor..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(b[StatxLayout.Inode..]),
            Size: BinaryPrimitives.ReadInt64LittleEndian(b[StatxLayout.FileSize..]),
            RdevMajor: BinaryPrimitives.ReadUInt32LittleEndian(b[StatxLayout.RdevMajor..]),
            RdevMinor: BinaryPrimitives.ReadUInt32LittleEndian(b[StatxLayout.RdevMinor..]),
            AccessTime: BinaryPrimitives.ReadInt64LittleEndian(b[StatxLayout.AccessTime..]),
            ChangeTime: BinaryPrimitives.ReadInt64LittleEndian(b[StatxLayout.ChangeTime..]),
            ModificationTime: BinaryPrimitives.ReadInt64LittleEndian(
                b[StatxLayout.ModificationTime..]
            )
        );
    }

    /// <summary>link(2): <paramref name="newPath"/> becomes another name of <paramref name="existing"/>.</summary>
    public static void Link(string existing, string newPath) =>
        Check(link(existing, newPath), "link", $"{existing} -> {newPath}");

    /// <summary>rename(2): unlike Directory.Move it replaces an empty directory, in one step.</summary>
    public static void Rename(string from, string to) =>
        Check(rename(from, to), "rename", $"{from} to {to}");

    /// <summary>
    /// mknod(2): creates a character or block device, fifo or socket node at
    /// <paramref name="path"/>.
    /// </summary>
    /// <param name="path">The node to create; it must not exist.</param>
    /// <param name="mode">The file type bits (S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK) and the permissions.</param>
    /// <param name="major">The device's major number (0 for a fifo or socket).</param>
    /// <param name="minor">The device's minor number (0 for a fifo or socket).</param>
    /// <exception cref="IOException">mknod failed, e.g. EPERM without CAP_MKNOD.</exception>
    public static void MakeNode(string path, uint mode, uint major, uint minor) =>
        Check(mknod(path, mode, DeviceNumber.Encode(major, minor)), "mknod", path);

    /// <summary>mknod; false when the process may not (EPERM without CAP_MKNOD).</summary>
    public static bool TryMakeNode(string path, uint mode, uint major, uint minor) =>
        mknod(path, mode, DeviceNumber.Encode(major, minor)) == 0;

    /// <summary>lchown: the link itself, never what it points at.</summary>
    public static void SetOwner(string path, uint uid, uint gid) =>
        Check(lchown(path, uid, gid), "lchown", path);

    /// <summary>lchown; false when not permitted (only root gives files away).</summary>
    public static bool TrySetOwner(string path, uint uid, uint gid) => lchown(path, uid, gid) == 0;

    /// <summary>chmod that keeps setuid/setgid/sticky.</summary>
    public static void SetPermissions(string path, uint permissions) =>
        Check(chmod(path, permissions & 0xFFF), "chmod", path);

    /// <summary>Sets atime and mtime (Unix seconds) without following a symlink.</summary>
    public static void SetTimes(string path, long access, long modification) =>
        Check(
            utimensat(AtFdCwd, path, [access, 0, modification, 0], AtSymlinkNoFollow),
            "utimensat",
            path
        );

    /// <summary>
    /// fsync(2) of a file or a directory: its data, or its entries (names created, renamed,
    /// removed), reach the disk. A FIFO or a socket holds nothing on disk and is left alone.
    /// </summary>
    public static void Sync(string path)
    {
        // O_RDONLY alone opens a directory as well as a file (O_DIRECTORY's value differs between
        // architectures); O_NONBLOCK keeps a FIFO from blocking the open. fsync flushes through
        // any descriptor of the inode, a read-only one included.
        var descriptor = open(path, ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor < 0)
        {
            Check(-1, "open (to fsync)", path);
        }
        try
        {
            if (fsync(descriptor) != 0 && Marshal.GetLastPInvokeError() != InvalidArgument)
            {
                Check(-1, "fsync", path);
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

    // fsync's answer for a FIFO or socket.
    private const int InvalidArgument = 22;

    private static void Check(int result, string call, string path)
    {
        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(
                $"{call} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"
            );
        }
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the library free of AllowUnsafeBlocks.
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int link(string existing, string newPath);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int rename(string from, string to);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int mknod(string path, uint mode, ulong dev);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int lchown(string path, uint uid, uint gid);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int chmod(string path, uint mode);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int utimensat(int dirfd, string path, long[] times, int flags);

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int descriptor);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int descriptor);
#pragma warning restore SYSLIB1054
}
