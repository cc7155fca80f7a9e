namespace XenDemoCD.Iso9660;

/// <summary>Where the times of files and directories in the image come from.</summary>
public enum FileTimePolicy
{
    /// <summary>Each entry's own times (null times take the image timestamp).</summary>
    FromEntries,

    /// <summary>Entries' own times, but none later than the image timestamp (SOURCE_DATE_EPOCH practice).</summary>
    ClampToTimestamp,

    /// <summary>Every entry gets the image timestamp.</summary>
    Timestamp,
}

/// <summary>Everything about an image except its tree. The timestamp is required: the writer never reads the clock.</summary>
public sealed record IsoImageOptions
{
    /// <summary>The image's time: volume descriptors, and entries as <see cref="FileTimes"/> says.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>
    /// Where entries' times come from; default <see cref="FileTimePolicy.ClampToTimestamp"/>, so no
    /// entry is newer than <see cref="Timestamp"/>.
    /// </summary>
    public FileTimePolicy FileTimes { get; init; } = FileTimePolicy.ClampToTimestamp;

    /// <summary>Volume label (d-characters, up to 32; lower case is upper-cased).</summary>
    public string VolumeId { get; init; } = "CDROM";

    /// <summary>
    /// The ECMA-119 system identifier (a-characters, up to 32; lower case is upper-cased, other
    /// characters become '_'): the system that can act on the system area. Default "LINUX".
    /// </summary>
    public string SystemId { get; init; } = "LINUX";

    /// <summary>The ECMA-119 volume set identifier (d-characters, up to 128). Default empty.</summary>
    public string VolumeSetId { get; init; } = "";

    /// <summary>The ECMA-119 publisher identifier (a-characters, up to 128). Default empty.</summary>
    public string PublisherId { get; init; } = "";

    /// <summary>The ECMA-119 data preparer identifier (a-characters, up to 128). Default empty.</summary>
    public string DataPreparerId { get; init; } = "";

    /// <summary>The ECMA-119 application identifier (a-characters, up to 128). Default empty.</summary>
    public string ApplicationId { get; init; } = "";

    /// <summary>Write a Joliet tree (UCS-2 names) for Windows.</summary>
    public bool Joliet { get; init; } = true;

    /// <summary>El Torito boot images and catalog; null (the default) writes a non-bootable image.</summary>
    public ElToritoOptions? Boot { get; init; }

    /// <summary>GRUB hybrid system area, so the image boots when copied raw to a disk.</summary>
    public GrubHybridOptions? Hybrid { get; init; }

    /// <summary>zisofs block size as a power of two (15, 16 or 17).</summary>
    public int ZisofsBlockSizeLog2 { get; init; } = 15;
}

/// <summary>El Torito boot images, named by their path in the tree.</summary>
public sealed record ElToritoOptions
{
    /// <summary>A no-emulation BIOS image, e.g. GRUB's boot/grub/i386-pc/eltorito.img.</summary>
    public string? BiosImage { get; init; }

    /// <summary>512-byte sectors the BIOS loads (4, as GRUB and isolinux expect).</summary>
    public ushort BiosLoadSectors { get; init; } = 4;

    /// <summary>Patch the mkisofs boot info table into the BIOS image.</summary>
    public bool BootInfoTable { get; init; } = true;

    /// <summary>Patch GRUB's own location field (byte 2548) into the BIOS image.</summary>
    public bool Grub2BootInfo { get; init; } = true;

    /// <summary>A FAT image holding EFI/BOOT/BOOTX64.EFI, for the UEFI (0xEF) section.</summary>
    public string? EfiImage { get; init; }

    /// <summary>Where the catalog appears in the tree (ignored when hidden).</summary>
    public string CatalogPath { get; init; } = "boot.catalog";

    /// <summary>Leave the catalog and the boot images out of the directory trees.</summary>
    public bool HideBootFiles { get; init; }
}

/// <summary>GRUB's hybrid MBR (boot_hybrid.img) plus partition tables for USB sticks.</summary>
public sealed record GrubHybridOptions
{
    /// <summary>The first 446 bytes of this template become the MBR (GRUB's boot_hybrid.img).</summary>
    public required byte[] MbrTemplate { get; init; }

    /// <summary>Protective MBR + GPT with the EFI image as the EFI System partition (needs an EFI image).</summary>
    public bool Gpt { get; init; } = true;

    /// <summary>Add an active MBR entry: some BIOSes boot only a disk with an active partition.</summary>
    public bool MbrForceBootable { get; init; } = true;
}
