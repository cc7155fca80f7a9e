namespace XenDemoCD.Iso9660;

/// <summary>One extent of a file's data (several for a multi-extent file).</summary>
public readonly record struct IsoExtent(uint Lba, uint Length);

/// <summary>An entry as read from an image (the reader model; the builder has its own).</summary>
public sealed class IsoEntry
{
    public required string Name { get; init; }

    public required string Path { get; init; }

    public IsoEntry? Parent { get; init; }

    public required EntryKind Kind { get; init; }

    public uint Permissions { get; init; }

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    public uint LinkCount { get; init; } = 1;

    /// <summary>Bytes of content (uncompressed, for zisofs files).</summary>
    public long Size { get; init; }

    public DateTimeOffset ModificationTime { get; init; }

    public DateTimeOffset AccessTime { get; init; }

    public DateTimeOffset ChangeTime { get; init; }

    public string? SymlinkTarget { get; init; }

    public uint DeviceMajor { get; init; }

    public uint DeviceMinor { get; init; }

    public IReadOnlyList<IsoExtent> Extents { get; init; } = [];

    /// <summary>The file is stored zisofs-compressed (<see cref="IsoImage.OpenRead"/> decompresses).</summary>
    public int? ZisofsBlockSizeLog2 { get; init; }

    /// <summary>Rock Ridge PX serial when present, otherwise the first extent's position: equal for hard links.</summary>
    public ulong Inode { get; init; }

    public bool Hidden { get; init; }

    public List<IsoEntry> Children { get; } = [];

    public uint Mode => PosixModeBits.TypeBits(Kind) | Permissions;

    public override string ToString() => $"{Kind} {Path}";
}
