namespace XenDemoCD.Iso9660;

/// <summary>The POSIX file types an image can carry (Rock Ridge PX mode bits).</summary>
public enum EntryKind
{
    /// <summary>A regular file with data (S_IFREG); the only kind with extents.</summary>
    File,

    /// <summary>A directory (S_IFDIR), recorded with the ECMA-119 directory flag.</summary>
    Directory,

    /// <summary>A symbolic link (S_IFLNK); its target is stored in Rock Ridge SL entries.</summary>
    Symlink,

    /// <summary>A character device node (S_IFCHR); its numbers are stored in a Rock Ridge PN entry.</summary>
    CharacterDevice,

    /// <summary>A block device node (S_IFBLK); its numbers are stored in a Rock Ridge PN entry.</summary>
    BlockDevice,

    /// <summary>A named pipe (S_IFIFO): metadata only, no data.</summary>
    Fifo,

    /// <summary>A Unix domain socket (S_IFSOCK): metadata only, no data.</summary>
    Socket,
}

internal static class PosixModeBits
{
    public const uint TypeMask = 0xF000;
    public const uint Socket = 0xC000;
    public const uint Symlink = 0xA000;
    public const uint Regular = 0x8000;
    public const uint Block = 0x6000;
    public const uint Directory = 0x4000;
    public const uint Character = 0x2000;
    public const uint Fifo = 0x1000;
    public const uint PermissionMask = 0xFFF; // rwx for all + setuid, setgid, sticky

    public static uint TypeBits(EntryKind kind) =>
        kind switch
        {
            EntryKind.File => Regular,
            EntryKind.Directory => Directory,
            EntryKind.Symlink => Symlink,
            EntryKind.CharacterDevice => Character,
            EntryKind.BlockDevice => Block,
            EntryKind.Fifo => Fifo,
            EntryKind.Socket => Socket,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    public static EntryKind? KindOf(uint mode) =>
        (mode & TypeMask) switch
        {
            Regular => EntryKind.File,
            Directory => EntryKind.Directory,
            Symlink => EntryKind.Symlink,
            Character => EntryKind.CharacterDevice,
            Block => EntryKind.BlockDevice,
            Fifo => EntryKind.Fifo,
            Socket => EntryKind.Socket,
            _ => null,
        };
}
