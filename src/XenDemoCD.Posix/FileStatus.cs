namespace XenDemoCD.Posix;

/// <summary>What <c>statx</c> says about a path, without following a final symlink. Times in Unix seconds.</summary>
public readonly record struct FileStatus(
    uint Mode,
    uint Uid,
    uint Gid,
    uint LinkCount,
    ulong Device,
    ulong Inode,
    long Size,
    uint RdevMajor,
    uint RdevMinor,
    long AccessTime,
    long ChangeTime,
    long ModificationTime
)
{
    /// <summary>The file type bits of <see cref="Mode"/> (S_IFMT).</summary>
    public uint TypeBits => Mode & 0xF000;

    /// <summary>Permissions with setuid, setgid and sticky.</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);
}
