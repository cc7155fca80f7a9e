namespace XenDemoCD.Cpio;

/// <summary>One member as read from an archive: its header fields, and its data while it is current.</summary>
public sealed class CpioEntry
{
    public required string Name { get; init; }

    public required CpioEntryKind Kind { get; init; }

    /// <summary>The permission bits of c_mode (with setuid, setgid, sticky).</summary>
    public required UnixFileMode Permissions { get; init; }

    public required uint Inode { get; init; }

    public required uint Uid { get; init; }

    public required uint Gid { get; init; }

    public required uint LinkCount { get; init; }

    public required DateTimeOffset ModificationTime { get; init; }

    /// <summary>c_filesize: the data's length (for a symbolic link, the target's).</summary>
    public required uint Size { get; init; }

    public required uint DevMajor { get; init; }

    public required uint DevMinor { get; init; }

    public required uint RDevMajor { get; init; }

    public required uint RDevMinor { get; init; }

    /// <summary>Where the header starts in the archive.</summary>
    public required long Offset { get; init; }

    /// <summary>A symbolic link's target; null for other kinds.</summary>
    public string? LinkTarget { get; init; }

    /// <summary>
    /// A regular file's data, readable until the reader moves on; empty for a hard-link member
    /// whose data travels with another member.
    /// </summary>
    public Stream? DataStream { get; internal set; }

    public override string ToString() => $"{Kind} {Name} ({Size} bytes, offset {Offset})";
}
