using F = XenDemoCD.Iso9660.Format.ElToritoFields;

namespace XenDemoCD.Iso9660;

/// <summary>One bootable image named by the El Torito catalog.</summary>
/// <param name="Platform">
/// The El Torito platform id of its validation entry or section header: 0 x86 BIOS, 1 PowerPC,
/// 2 Mac, 0xEF UEFI.
/// </param>
/// <param name="Bootable">The boot indicator is 0x88 (bootable) rather than 0x00 (not bootable).</param>
/// <param name="MediaType">
/// The boot media type: 0 no emulation, 1-3 1.2/1.44/2.88 MB diskette emulation, 4 hard disk
/// emulation (the low 4 bits; the high bits are flags).
/// </param>
/// <param name="LoadSegment">The real-mode segment a BIOS loads the image at; 0 means the default, 0x7C0.</param>
/// <param name="SystemType">The system type: the partition type byte of the image's partition table (hard disk emulation only).</param>
/// <param name="SectorCount">How many 512-byte virtual sectors the firmware loads (a BIOS no-emulation image usually 4).</param>
/// <param name="Lba">Where the image starts, in 2048-byte blocks from the start of the image (the load RBA).</param>
public sealed record BootEntry(
    byte Platform,
    bool Bootable,
    byte MediaType,
    ushort LoadSegment,
    byte SystemType,
    ushort SectorCount,
    uint Lba
)
{
    /// <summary>The platform as text: "BIOS", "UEFI", "PowerPC", "Mac", or the id in hex, e.g. "0x05".</summary>
    public string PlatformName =>
        Platform switch
        {
            F.PlatformBios => "BIOS",
            F.PlatformEfi => "UEFI",
            1 => "PowerPC",
            2 => "Mac",
            _ => $"0x{Platform:x2}",
        };
}
