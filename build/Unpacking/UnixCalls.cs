using XenDemoCD.Posix;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// The POSIX calls Unpack and the rebuild from <c>root/</c> use to restore and read what only a
/// POSIX file system holds, in the signed ids of the root tree; the calls themselves are the
/// shared <see cref="PosixCalls"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class UnixCalls
{
    public static bool IsRoot => PosixCalls.IsRoot;

    public static FileStatus LStat(string path) => PosixCalls.LStat(path);

    /// <summary>rename(2): unlike Directory.Move it replaces an empty directory, in one step.</summary>
    public static void Rename(string from, string to) => PosixCalls.Rename(from, to);

    public static void HardLink(string existing, string newPath) =>
        PosixCalls.Link(existing, newPath);

    /// <summary>mknod; false when the process may not (EPERM without CAP_MKNOD).</summary>
    public static bool TryMakeNode(string path, uint mode, int major, int minor) =>
        PosixCalls.TryMakeNode(path, mode, (uint)major, (uint)minor);

    /// <summary>lchown; false when not permitted (only root gives files away).</summary>
    public static bool TrySetOwner(string path, int uid, int gid) =>
        PosixCalls.TrySetOwner(path, (uint)uid, (uint)gid);

    /// <summary>chmod with setuid/setgid/sticky.</summary>
    public static void SetPermissions(string path, UnixFileMode mode) =>
        PosixCalls.SetPermissions(path, (uint)mode);

    /// <summary>Sets atime and mtime without following a symlink.</summary>
    public static void SetTime(string path, long mtime) => PosixCalls.SetTimes(path, mtime, mtime);
}
