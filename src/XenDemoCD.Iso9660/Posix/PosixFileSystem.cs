using System.Runtime.Versioning;
using XenDemoCD.Posix;

namespace XenDemoCD.Iso9660.Posix;

/// <summary>
/// The POSIX calls the library needs, from the shared <see cref="PosixCalls"/> on Linux. On other
/// systems they degrade: owners 0, no devices, no hard links.
/// </summary>
internal static class PosixFileSystem
{
    [SupportedOSPlatformGuard("linux")]
    public static bool IsLinux => OperatingSystem.IsLinux();

    public static bool IsRoot => OperatingSystem.IsLinux() && PosixCalls.IsRoot;

    public static FileStatus LStat(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return PortableStat(path);
        }
        return PosixCalls.LStat(path);
    }

    private static FileStatus PortableStat(string path)
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
        return new FileStatus(
            type | permissions,
            0,
            0,
            1,
            0,
            0,
            type == 0x8000 ? info.Length : 0,
            0,
            0,
            new DateTimeOffset(info.LastAccessTimeUtc).ToUnixTimeSeconds(),
            new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds(),
            new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeSeconds()
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
