using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace XenDemoCD.Iso9660.Posix;

/// <summary>What lstat says about a path, in the terms Rock Ridge needs.</summary>
internal readonly record struct PosixStat(
    uint Mode,
    uint Uid,
    uint Gid,
    uint LinkCount,
    ulong Device,
    ulong Inode,
    long Size,
    uint RdevMajor,
    uint RdevMinor,
    DateTimeOffset AccessTime,
    DateTimeOffset ModificationTime,
    DateTimeOffset ChangeTime
);

/// <summary>
/// The few POSIX calls the BCL does not offer (owners, inode numbers, device nodes, hard links,
/// times of symlinks). statx is used because its struct has one layout on every architecture.
/// On other systems these degrade: owners 0, no devices, no hard links.
/// </summary>
internal static partial class PosixFileSystem
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;

    public static bool IsLinux => OperatingSystem.IsLinux();

    public static bool IsRoot => IsLinux && geteuid() == 0;

    public static PosixStat LStat(string path)
    {
        if (!IsLinux)
        {
            return PortableStat(path);
        }
        var buffer = new byte[256];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            throw new IOException($"statx {path}: errno {Marshal.GetLastPInvokeError()}");
        }
        ReadOnlySpan<byte> b = buffer;
        return new PosixStat(
            Mode: BinaryPrimitives.ReadUInt16LittleEndian(b[28..]),
            Uid: BinaryPrimitives.ReadUInt32LittleEndian(b[20..]),
            Gid: BinaryPrimitives.ReadUInt32LittleEndian(b[24..]),
            LinkCount: BinaryPrimitives.ReadUInt32LittleEndian(b[16..]),
            Device: ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(b[136..]) << 32)
                | BinaryPrimitives.ReadUInt32LittleEndian(b[140..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
            Size: BinaryPrimitives.ReadInt64LittleEndian(b[40..]),
            RdevMajor: BinaryPrimitives.ReadUInt32LittleEndian(b[128..]),
            RdevMinor: BinaryPrimitives.ReadUInt32LittleEndian(b[132..]),
            AccessTime: StatxTime(b[64..]),
            ModificationTime: StatxTime(b[112..]),
            ChangeTime: StatxTime(b[96..])
        );
    }

    private static DateTimeOffset StatxTime(ReadOnlySpan<byte> b) =>
        DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(b));

    private static PosixStat PortableStat(string path)
    {
        var info = new FileInfo(path);
        var attributes = info.Attributes;
        uint type =
            info.LinkTarget is not null ? 0xA000
            : attributes.HasFlag(FileAttributes.Directory) ? 0x4000u
            : 0x8000u;
        uint permissions = OperatingSystem.IsWindows()
            ? (type == 0x8000 ? 0x1A4u : 0x1EDu)
            : (uint)File.GetUnixFileMode(path);
        return new PosixStat(
            type | permissions,
            0,
            0,
            1,
            0,
            0,
            type == 0x8000 ? info.Length : 0,
            0,
            0,
            info.LastAccessTimeUtc,
            info.LastWriteTimeUtc,
            info.LastWriteTimeUtc
        );
    }

    public static void CreateHardLink(string existing, string newPath)
    {
        if (link(existing, newPath) != 0)
        {
            throw new IOException(
                $"link {existing} -> {newPath}: errno {Marshal.GetLastPInvokeError()}"
            );
        }
    }

    public static void MakeNode(string path, uint mode, uint major, uint minor)
    {
        var dev = DeviceNumber.Encode(major, minor);
        if (mknod(path, mode, dev) != 0)
        {
            throw new IOException($"mknod {path}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public static void SetOwner(string path, uint uid, uint gid)
    {
        if (lchown(path, uid, gid) != 0)
        {
            throw new IOException($"lchown {path}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Sets atime and mtime without following a symlink.</summary>
    public static void SetTimes(string path, DateTimeOffset access, DateTimeOffset modification)
    {
        long[] times = [access.ToUnixTimeSeconds(), 0, modification.ToUnixTimeSeconds(), 0];
        if (utimensat(AtFdCwd, path, times, AtSymlinkNoFollow) != 0)
        {
            throw new IOException($"utimensat {path}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>chmod that keeps setuid/setgid/sticky (the BCL's UnixFileMode covers them too).</summary>
    public static void SetPermissions(string path, uint permissions)
    {
        if (chmod(path, permissions & 0xFFF) != 0)
        {
            throw new IOException($"chmod {path}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the library free of AllowUnsafeBlocks.
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int link(string existing, string newPath);

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
#pragma warning restore SYSLIB1054
}

/// <summary>
/// glibc's dev_t encoding. Rock Ridge PN carries dev_t split into high and low 32 bits;
/// Linux, libisofs and libarchive all decode it this way.
/// </summary>
internal static class DeviceNumber
{
    public static ulong Encode(uint major, uint minor) =>
        ((ulong)(major & 0xFFFFF000) << 32)
        | ((ulong)(major & 0xFFF) << 8)
        | ((ulong)(minor & 0xFFFFFF00) << 12)
        | (minor & 0xFF);

    public static (uint Major, uint Minor) Decode(ulong dev) =>
        (
            (uint)(((dev >> 32) & 0xFFFFF000) | ((dev >> 8) & 0xFFF)),
            (uint)(((dev >> 12) & 0xFFFFFF00) | (dev & 0xFF))
        );
}
