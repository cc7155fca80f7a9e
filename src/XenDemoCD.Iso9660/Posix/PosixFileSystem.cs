using System.Runtime.Versioning;
using XenDemoCD.Posix;

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
/// The POSIX calls the library needs, from the shared <see cref="PosixCalls"/> on Linux. On other
/// systems they degrade: owners 0, no devices, no hard links.
/// </summary>
internal static class PosixFileSystem
{
    [SupportedOSPlatformGuard("linux")]
    public static bool IsLinux => OperatingSystem.IsLinux();

    public static bool IsRoot => OperatingSystem.IsLinux() && PosixCalls.IsRoot;

    public static PosixStat LStat(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return PortableStat(path);
        }
        var stat = PosixCalls.LStat(path);
        return new PosixStat(
            Mode: stat.Mode,
            Uid: stat.Uid,
            Gid: stat.Gid,
            LinkCount: stat.LinkCount,
            Device: stat.Device,
            Inode: stat.Inode,
            Size: stat.Size,
            RdevMajor: stat.RdevMajor,
            RdevMinor: stat.RdevMinor,
            AccessTime: DateTimeOffset.FromUnixTimeSeconds(stat.AccessTime),
            ModificationTime: DateTimeOffset.FromUnixTimeSeconds(stat.ModificationTime),
            ChangeTime: DateTimeOffset.FromUnixTimeSeconds(stat.ChangeTime)
        );
    }

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

    [SupportedOSPlatform("linux")]
    public static void CreateHardLink(string existing, string newPath) =>
        PosixCalls.Link(existing, newPath);

    [SupportedOSPlatform("linux")]
    public static void MakeNode(string path, uint mode, uint major, uint minor) =>
        PosixCalls.MakeNode(path, mode, major, minor);

    [SupportedOSPlatform("linux")]
    public static void SetOwner(string path, uint uid, uint gid) =>
        PosixCalls.SetOwner(path, uid, gid);

    /// <summary>Sets atime and mtime without following a symlink.</summary>
    [SupportedOSPlatform("linux")]
    public static void SetTimes(string path, DateTimeOffset access, DateTimeOffset modification) =>
        PosixCalls.SetTimes(path, access.ToUnixTimeSeconds(), modification.ToUnixTimeSeconds());

    /// <summary>chmod that keeps setuid/setgid/sticky (the BCL's UnixFileMode covers them too).</summary>
    [SupportedOSPlatform("linux")]
    public static void SetPermissions(string path, uint permissions) =>
        PosixCalls.SetPermissions(path, permissions);
}
