namespace XenDemoCD.Iso9660;

/// <summary>One extent of a file's data (several for a multi-extent file).</summary>
/// <param name="Lba">The extent's first logical block, in 2048-byte blocks from the start of the image.</param>
/// <param name="Length">The extent's data length in bytes (as stored: compressed for a zisofs file).</param>
public readonly record struct IsoExtent(uint Lba, uint Length);

/// <summary>An entry as read from an image (the reader model; the builder has its own).</summary>
public sealed class IsoEntry
{
    /// <summary>
    /// The entry's name: the Rock Ridge NM name, else the Joliet (UCS-2) name, else the ECMA-119
    /// identifier without its ";1" version (and, for files, a trailing '.'). Empty for the root.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>The absolute path in the image, '/'-separated: "/" for the root, "/dir/name" below it.</summary>
    public required string Path { get; init; }

    /// <summary>The directory holding this entry; null for the root.</summary>
    public IsoEntry? Parent { get; init; }

    /// <summary>
    /// The file type: a directory when the ECMA-119 directory flag (or a Rock Ridge CL link) says
    /// so, otherwise the type in the Rock Ridge PX mode, else a regular file.
    /// </summary>
    public required EntryKind Kind { get; init; }

    /// <summary>
    /// Permission bits (07777) from the Rock Ridge PX mode; without Rock Ridge 0555
    /// (r-xr-xr-x), as Linux shows an image without it.
    /// </summary>
    public uint Permissions { get; init; }

    /// <summary>The owner's user id from Rock Ridge PX; 0 without Rock Ridge.</summary>
    public uint Uid { get; init; }

    /// <summary>The owner's group id from Rock Ridge PX; 0 without Rock Ridge.</summary>
    public uint Gid { get; init; }

    /// <summary>The number of hard links (st_nlink) from Rock Ridge PX; 1 without it.</summary>
    public uint LinkCount { get; init; } = 1;

    /// <summary>Bytes of content (uncompressed, for zisofs files).</summary>
    public long Size { get; init; }

    /// <summary>mtime: the Rock Ridge TF modify time, else the ECMA-119 recording date of the directory record.</summary>
    public DateTimeOffset ModificationTime { get; init; }

    /// <summary>atime: the Rock Ridge TF access time, else <see cref="ModificationTime"/>.</summary>
    public DateTimeOffset AccessTime { get; init; }

    /// <summary>ctime: the Rock Ridge TF attributes (status change) time, else <see cref="ModificationTime"/>.</summary>
    public DateTimeOffset ChangeTime { get; init; }

    /// <summary>
    /// For a symlink, its target as joined from the Rock Ridge SL components (empty if it has
    /// none); null for every other kind.
    /// </summary>
    public string? SymlinkTarget { get; init; }

    /// <summary>For a character or block device, its major number from Rock Ridge PN; otherwise 0.</summary>
    public uint DeviceMajor { get; init; }

    /// <summary>For a character or block device, its minor number from Rock Ridge PN; otherwise 0.</summary>
    public uint DeviceMinor { get; init; }

    /// <summary>Where a regular file's data is stored, in order; empty for every other kind.</summary>
    public IReadOnlyList<IsoExtent> Extents { get; init; } = [];

    /// <summary>The file is stored zisofs-compressed (<see cref="IsoImage.OpenRead"/> decompresses).</summary>
    public int? ZisofsBlockSizeLog2 { get; init; }

    /// <summary>Rock Ridge PX serial when present, otherwise the first extent's position: equal for hard links.</summary>
    public ulong Inode { get; init; }

    /// <summary>The ECMA-119 existence (hidden) flag is set in the entry's directory record.</summary>
    public bool Hidden { get; init; }

    /// <summary>A directory's entries in the order the directory records them; empty for other kinds.</summary>
    public List<IsoEntry> Children { get; } = [];

    /// <summary>The whole st_mode: the type bits of <see cref="Kind"/> (S_IFMT) plus <see cref="Permissions"/>.</summary>
    public uint Mode => PosixModeBits.TypeBits(Kind) | Permissions;

    /// <summary>The kind and path, e.g. "File /boot/xen.gz", for messages and debugging.</summary>
    public override string ToString() => $"{Kind} {Path}";
}
