namespace XenDemoCD.Iso9660;

/// <summary>An MBR partition table entry.</summary>
/// <param name="Number">The entry's position in the table, 1 to 4.</param>
/// <param name="Status">The status byte: 0x80 active (bootable), 0x00 inactive.</param>
/// <param name="Type">The partition type byte, e.g. 0xEE protective GPT, 0xEF EFI System, 0x00 empty.</param>
/// <param name="FirstLba">The partition's first sector, in 512-byte sectors.</param>
/// <param name="SectorCount">The partition's length, in 512-byte sectors.</param>
public sealed record MbrPartition(
    int Number,
    byte Status,
    byte Type,
    uint FirstLba,
    uint SectorCount
);

/// <summary>A GPT partition entry (LBAs in 512-byte sectors).</summary>
/// <param name="Number">The entry's position in the GPT partition entry array, from 1.</param>
/// <param name="Type">The partition type GUID, e.g. C12A7328-F81F-11D2-BA4B-00A0C93EC93B for an EFI System partition.</param>
/// <param name="Id">The partition's unique GUID.</param>
/// <param name="FirstLba">The partition's first sector, in 512-byte sectors.</param>
/// <param name="LastLba">The partition's last sector (inclusive), in 512-byte sectors.</param>
/// <param name="Attributes">The 64 attribute bits (bit 0 required, bit 60 read-only, ...).</param>
/// <param name="Name">The partition name (UTF-16, up to 36 characters), trailing NULs removed.</param>
public sealed record GptPartition(
    int Number,
    Guid Type,
    Guid Id,
    ulong FirstLba,
    ulong LastLba,
    ulong Attributes,
    string Name
);

/// <summary>What the system area (first 32 KiB) holds: MBR entries and, if present, a GPT.</summary>
/// <param name="HasMbrSignature">Bytes 510-511 hold the MBR boot signature 55 AA.</param>
/// <param name="Mbr">The MBR entries that are not all zero (empty without the signature).</param>
/// <param name="GptDiskGuid">The disk GUID of the GPT header at sector 1; null when there is no "EFI PART" header.</param>
/// <param name="Gpt">The GPT entries with a type GUID other than zero that lie inside the system area; empty without a GPT.</param>
/// <param name="GptBackupLba">Where the GPT header says its backup header is, in 512-byte sectors; null without a GPT.</param>
public sealed record SystemAreaInfo(
    bool HasMbrSignature,
    IReadOnlyList<MbrPartition> Mbr,
    Guid? GptDiskGuid,
    IReadOnlyList<GptPartition> Gpt,
    ulong? GptBackupLba
);
