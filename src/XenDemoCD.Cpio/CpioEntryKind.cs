namespace XenDemoCD.Cpio;

/// <summary>The file types a newc archive carries, valued as the type bits of <c>st_mode</c>.</summary>
public enum CpioEntryKind : uint
{
    Fifo = 0x1000,
    CharacterDevice = 0x2000,
    Directory = 0x4000,
    BlockDevice = 0x6000,
    RegularFile = 0x8000,
    SymbolicLink = 0xA000,
    Socket = 0xC000,
}
