namespace XenDemoCD.Build.RootFs;

/// <summary>
/// One path of a root filesystem with everything a POSIX file system records about it. Paths are
/// relative, without "./" or a trailing slash ("etc/shadow"). Owners are numbers: the build runs
/// without root and still produces root-owned files.
/// </summary>
public sealed record RootNode(
    string Path,
    NodeKind Kind,
    UnixFileMode Mode,
    int Uid,
    int Gid,
    long MTime,
    string? LinkTarget = null,
    int DevMajor = 0,
    int DevMinor = 0,
    NodeContent? Content = null
)
{
    public long Size => Content?.Length ?? 0;

    public static RootNode Directory(
        string path,
        long mtime,
        UnixFileMode mode = (UnixFileMode)0b111_101_101,
        int uid = 0,
        int gid = 0
    ) => new(path, NodeKind.Directory, mode, uid, gid, mtime);

    public static RootNode Symlink(string path, string target, long mtime) =>
        new(path, NodeKind.Symlink, (UnixFileMode)0b111_111_111, 0, 0, mtime, target);

    public static RootNode File(
        string path,
        NodeContent content,
        long mtime,
        UnixFileMode mode = (UnixFileMode)0b110_100_100,
        int uid = 0,
        int gid = 0
    ) => new(path, NodeKind.File, mode, uid, gid, mtime, Content: content);

    public static string Normalize(string path)
    {
        var trimmed = path.Replace('\\', '/');
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }
        trimmed = trimmed.TrimStart('/').TrimEnd('/');
        return trimmed == "." ? "" : trimmed;
    }
}
