namespace XenDemoCD.Posix;

/// <summary>What <c>statx</c> says about a path, without following a final symlink. Times in Unix seconds.</summary>
/// <param name="Mode">The whole <c>st_mode</c>: file type bits (S_IFMT) and the 12 permission bits.</param>
/// <param name="Uid">The owner's user id.</param>
/// <param name="Gid">The owner's group id.</param>
/// <param name="LinkCount">The number of hard links (<c>st_nlink</c>).</param>
/// <param name="Device">
/// The device holding the file, as statx's major in the high 32 bits and minor in the low 32
/// bits (not glibc's <c>dev_t</c> encoding); with <see cref="Inode"/> it identifies the file, so
/// hard links can be recognised.
/// </param>
/// <param name="Inode">The inode number on <see cref="Device"/>.</param>
/// <param name="Size">The size in bytes (for a symlink, the length of its target).</param>
/// <param name="RdevMajor">For a character or block device, its major number; otherwise 0.</param>
/// <param name="RdevMinor">For a character or block device, its minor number; otherwise 0.</param>
/// <param name="AccessTime">The last access time (atime), in Unix seconds.</param>
/// <param name="ChangeTime">The last status change time (ctime), in Unix seconds.</param>
/// <param name="ModificationTime">The last modification time (mtime), in Unix seconds.</param>
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
