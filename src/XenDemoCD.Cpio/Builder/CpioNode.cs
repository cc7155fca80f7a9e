namespace XenDemoCD.Cpio.Builder;

/// <summary>One entry as the builder holds it, before inodes and link counts are assigned.</summary>
internal sealed record CpioNode(
    string Path,
    CpioEntryKind Kind,
    UnixFileMode Permissions,
    uint Uid,
    uint Gid
)
{
    public CpioContent? Content { get; init; }

    public string? LinkTarget { get; init; }

    /// <summary>For a hard link: the path of the regular file it is another name of.</summary>
    public string? HardLinkOf { get; init; }

    public uint RDevMajor { get; init; }

    public uint RDevMinor { get; init; }

    /// <summary>A directory added only because something below it was; may be replaced.</summary>
    public bool Implied { get; init; }
}
