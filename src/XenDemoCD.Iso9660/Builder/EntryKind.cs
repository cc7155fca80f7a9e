namespace XenDemoCD.Iso9660;

/// <summary>The POSIX file types an image can carry (Rock Ridge PX mode bits).</summary>
public enum EntryKind
{
    File,
    Directory,
    Symlink,
    CharacterDevice,
    BlockDevice,
    Fifo,
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
