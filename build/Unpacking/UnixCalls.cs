using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace XenDemoCD.Build.Unpacking;

/// <summary>What lstat says about a path: the metadata a root tree needs.</summary>
public readonly record struct UnixStat(
    uint Mode,
    int Uid,
    int Gid,
    uint LinkCount,
    ulong Device,
    ulong Inode,
    long Size,
    int RdevMajor,
    int RdevMinor,
    long MTime
)
{
    public uint TypeBits => Mode & 0xF000;

    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);
}

/// <summary>
/// The POSIX calls the BCL lacks (owners, inodes, device nodes, hard links, times of symlinks).
/// statx, because its struct has one layout on every Linux architecture. Linux only: Unpack and
/// the rebuild from <c>root/</c> restore and read what only a POSIX file system can hold.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class UnixCalls
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;

    public static bool IsRoot => geteuid() == 0;

    public static UnixStat LStat(string path)
    {
        var buffer = new byte[256];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, 0x7FF, buffer) != 0)
        {
            throw new IOException($"statx {path}: errno {Marshal.GetLastPInvokeError()}");
        }
        ReadOnlySpan<byte> b = buffer;
        return new UnixStat(
            Mode: BinaryPrimitives.ReadUInt16LittleEndian(b[28..]),
            Uid: BinaryPrimitives.ReadInt32LittleEndian(b[20..]),
            Gid: BinaryPrimitives.ReadInt32LittleEndian(b[24..]),
            LinkCount: BinaryPrimitives.ReadUInt32LittleEndian(b[16..]),
            Device: ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(b[136..]) << 32)
                | BinaryPrimitives.ReadUInt32LittleEndian(b[140..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
            Size: BinaryPrimitives.ReadInt64LittleEndian(b[40..]),
            RdevMajor: BinaryPrimitives.ReadInt32LittleEndian(b[128..]),
            RdevMinor: BinaryPrimitives.ReadInt32LittleEndian(b[132..]),
            MTime: BinaryPrimitives.ReadInt64LittleEndian(b[112..])
        );
    }

    /// <summary>rename(2): unlike Directory.Move it replaces an empty directory, in one step.</summary>
    public static void Rename(string from, string to)
    {
        if (rename(from, to) != 0)
        {
            throw new IOException($"rename {from} to {to}: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    public static void HardLink(string existing, string newPath) =>
        Check(link(existing, newPath), "link", newPath);

    /// <summary>mknod; false when the process may not (EPERM without CAP_MKNOD).</summary>
    public static bool TryMakeNode(string path, uint mode, int major, int minor)
    {
        var dev =
            ((ulong)((uint)major & 0xFFFFF000) << 32)
            | ((ulong)((uint)major & 0xFFF) << 8)
            | ((ulong)((uint)minor & 0xFFFFFF00) << 12)
            | ((uint)minor & 0xFF);
        return mknod(path, mode, dev) == 0;
    }

    /// <summary>lchown; false when not permitted (only root gives files away).</summary>
    public static bool TrySetOwner(string path, int uid, int gid) => lchown(path, uid, gid) == 0;

    /// <summary>chmod with setuid/setgid/sticky.</summary>
    public static void SetPermissions(string path, UnixFileMode mode) =>
        Check(chmod(path, (uint)mode & 0xFFF), "chmod", path);

    /// <summary>Sets atime and mtime without following a symlink.</summary>
    public static void SetTime(string path, long mtime) =>
        Check(utimensat(AtFdCwd, path, [mtime, 0, mtime, 0], AtSymlinkNoFollow), "utimensat", path);

    private static void Check(int result, string call, string path)
    {
        if (result != 0)
        {
            throw new IOException($"{call} {path}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the project free of AllowUnsafeBlocks.
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int rename(string from, string to);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int link(string existing, string newPath);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int mknod(string path, uint mode, ulong dev);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int lchown(string path, int uid, int gid);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int chmod(string path, uint mode);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int utimensat(int dirfd, string path, long[] times, int flags);

    [DllImport("libc")]
    private static extern uint geteuid();
#pragma warning restore SYSLIB1054
}
