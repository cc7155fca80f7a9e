namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// Every on-disk offset and length the library uses, in one place, so the layout can be read
/// against ECMA-119, SUSP/RRIP, El Torito and the UEFI GPT specification side by side.
/// Offsets are 0-based from the start of their record.
/// </summary>
internal static class Sizes
{
    public const int Block = 2048;
    public const int Sector = 512;
    public const int SystemAreaBlocks = 16;
    public const int FirstDescriptorBlock = 16;
    public const int MaxDirectoryRecord = 255;
    public const int RecordFixedPart = 33;

    /// <summary>A section of a multi-extent file: the largest multiple of 2048 below 4 GiB.</summary>
    public const long MaxSection = 0xFFFFF800;
}

internal static class VolumeDescriptorFields
{
    public const int Type = 0;
    public const int StandardId = 1; // "CD001"
    public const int Version = 6;
    public const int Flags = 7;
    public const int SystemId = 8;
    public const int SystemIdLength = 32;
    public const int VolumeId = 40;
    public const int VolumeIdLength = 32;
    public const int VolumeSpaceSize = 80;
    public const int EscapeSequences = 88;
    public const int VolumeSetSize = 120;
    public const int VolumeSequenceNumber = 124;
    public const int LogicalBlockSize = 128;
    public const int PathTableSize = 132;
    public const int LPathTable = 140;
    public const int OptionalLPathTable = 144;
    public const int MPathTable = 148;
    public const int OptionalMPathTable = 152;
    public const int RootDirectoryRecord = 156;
    public const int VolumeSetId = 190;
    public const int PublisherId = 318;
    public const int DataPreparerId = 446;
    public const int ApplicationId = 574;
    public const int LongIdLength = 128;
    public const int CopyrightFileId = 702;
    public const int AbstractFileId = 739;
    public const int BibliographicFileId = 776;
    public const int FileIdLength = 37;
    public const int CreationTime = 813;
    public const int ModificationTime = 830;
    public const int ExpirationTime = 847;
    public const int EffectiveTime = 864;
    public const int FileStructureVersion = 881;

    public const byte TypeBootRecord = 0;
    public const byte TypePrimary = 1;
    public const byte TypeSupplementary = 2;
    public const byte TypeTerminator = 255;
}

internal static class BootRecordFields
{
    public const int BootSystemId = 7;
    public const int BootSystemIdLength = 32;
    public const int CatalogLba = 71;
    public const string ElToritoId = "EL TORITO SPECIFICATION";
}

internal static class DirectoryRecordFields
{
    public const int Length = 0;
    public const int ExtendedAttributeLength = 1;
    public const int ExtentLba = 2;
    public const int DataLength = 10;
    public const int RecordingTime = 18;
    public const int Flags = 25;
    public const int FileUnitSize = 26;
    public const int InterleaveGap = 27;
    public const int VolumeSequenceNumber = 28;
    public const int IdentifierLength = 32;
    public const int Identifier = 33;

    public const byte FlagHidden = 0x01;
    public const byte FlagDirectory = 0x02;
    public const byte FlagAssociated = 0x04;
    public const byte FlagMultiExtent = 0x80;
}

internal static class PathTableFields
{
    public const int IdentifierLength = 0;
    public const int ExtendedAttributeLength = 1;
    public const int ExtentLba = 2;
    public const int ParentNumber = 6;
    public const int Identifier = 8;
}

internal static class ElToritoFields
{
    public const int EntrySize = 32;

    // Validation entry
    public const int HeaderId = 0;
    public const int Platform = 1;
    public const int IdString = 4;
    public const int IdStringLength = 24;
    public const int Checksum = 28;
    public const int KeyByte55 = 30;
    public const int KeyByteAA = 31;

    // Default / section entry
    public const int BootIndicator = 0;
    public const int MediaType = 1;
    public const int LoadSegment = 2;
    public const int SystemType = 4;
    public const int SectorCount = 6;
    public const int LoadRba = 8;

    // Section header
    public const int SectionHeaderIndicator = 0;
    public const int SectionPlatform = 1;
    public const int SectionEntryCount = 2;
    public const int SectionId = 4;

    public const byte Bootable = 0x88;
    public const byte NotBootable = 0x00;
    public const byte MoreSectionHeaders = 0x90;
    public const byte LastSectionHeader = 0x91;
    public const byte PlatformBios = 0x00;
    public const byte PlatformEfi = 0xEF;

    // Boot info table inside a BIOS boot image (mkisofs -boot-info-table).
    public const int InfoTablePvdLba = 8;
    public const int InfoTableFileLba = 12;
    public const int InfoTableFileLength = 16;
    public const int InfoTableChecksum = 20;
    public const int InfoTableEnd = 64;

    // GRUB's own patch field in eltorito.img (xorriso --grub2-boot-info).
    public const int Grub2BootInfo = 2548;
}

internal static class MbrFields
{
    public const int BootCodeLength = 446;
    public const int Grub2HybridPatch = 0x1B0;
    public const int PartitionTable = 446;
    public const int PartitionEntrySize = 16;
    public const int Signature = 510;

    public const int EntryStatus = 0;
    public const int EntryChsFirst = 1;
    public const int EntryType = 4;
    public const int EntryChsLast = 5;
    public const int EntryFirstLba = 8;
    public const int EntrySectorCount = 12;

    public const byte TypeGptProtective = 0xEE;
    public const byte StatusActive = 0x80;
}

internal static class GptFields
{
    public const int Signature = 0; // "EFI PART"
    public const int Revision = 8;
    public const int HeaderSize = 12;
    public const int HeaderCrc = 16;
    public const int CurrentLba = 24;
    public const int BackupLba = 32;
    public const int FirstUsableLba = 40;
    public const int LastUsableLba = 48;
    public const int DiskGuid = 56;
    public const int EntriesLba = 72;
    public const int EntryCount = 80;
    public const int EntrySize = 84;
    public const int EntriesCrc = 88;
    public const int HeaderLength = 92;

    public const int EntryTypeGuid = 0;
    public const int EntryUniqueGuid = 16;
    public const int EntryFirstLba = 32;
    public const int EntryLastLba = 40;
    public const int EntryAttributes = 48;
    public const int EntryName = 56;
    public const int EntryNameLength = 72;

    public const int EntryBytes = 128;
    public const int Entries = 128;
    public const int EntriesSectors = Entries * EntryBytes / Sizes.Sector; // 32

    /// <summary>ISO partitions are read-only and required (bit 60, bit 0), as xorriso marks them.</summary>
    public const ulong ReadOnlyRequired = 0x1000000000000001;
}

internal static class ZisofsFields
{
    public static ReadOnlySpan<byte> Magic => [0x37, 0xE4, 0x53, 0x96, 0xC9, 0xDB, 0xD6, 0x07];
    public const int UncompressedSize = 8;
    public const int HeaderSizeDiv4 = 12;
    public const int BlockSizeLog2 = 13;
    public const int HeaderLength = 16;
}

/// <summary>
/// SUSP (IEEE P1281) and RRIP (IEEE P1282) entries: "XY", length, version, then the fields at
/// these offsets. Numbers are 32-bit both-endian (8 bytes) unless said otherwise.
/// </summary>
internal static class SystemUseFields
{
    public const int Signature = 0;
    public const int Length = 2;
    public const int Version = 3;

    /// <summary>The first field after the header; NM, SL and TF keep their flags here.</summary>
    public const int Flags = 4;

    /// <summary>NM, SL: the name or the components after the flags byte.</summary>
    public const int FlagsPayload = 5;

    // SP (SUSP 5.3): check bytes BE EF, then the bytes to skip in every record.
    public const int SpLength = 7;
    public const int SpCheck = 4;
    public const int SpSkip = 6;

    // CE (SUSP 5.1): where the continuation area is.
    public const int CeLength = 28;
    public const int CeLba = 4;
    public const int CeOffset = 12;
    public const int CeAreaLength = 20;

    // ER (SUSP 5.5): the lengths of the three strings, the extension's version, the strings.
    public const int ErIdLength = 4;
    public const int ErDescriptorLength = 5;
    public const int ErSourceLength = 6;
    public const int ErExtensionVersion = 7;
    public const int ErStrings = 8;

    // PX (RRIP 4.1.1): mode, links, uid, gid, and in RRIP 1.12 the file serial number.
    public const int PxLengthWithoutSerial = 36;
    public const int PxLength = 44;
    public const int PxMode = 4;
    public const int PxLinks = 12;
    public const int PxUid = 20;
    public const int PxGid = 28;
    public const int PxSerial = 36;

    // PN (RRIP 4.1.2): the device number, high and low 32 bits.
    public const int PnLength = 20;
    public const int PnHigh = 4;
    public const int PnLow = 12;

    // TF (RRIP 4.1.6): flags, then one timestamp per flag bit set.
    public const int TfTimes = 5;

    // ZF (zisofs): "pz", header size in 4-byte words, block size log2, uncompressed size.
    public const int ZfLength = 16;
    public const int ZfAlgorithm = 4;
    public const int ZfHeaderWords = 6;
    public const int ZfBlockSizeLog2 = 7;
    public const int ZfUncompressedSize = 8;

    // CL, PL (RRIP 4.1.5): the location of the relocated directory.
    public const int LinkLength = 12;
    public const int LinkLba = 4;
}
