namespace XenDemoCD.Iso9660;

/// <summary>
/// Bounds on what the reader accepts, so a hostile image costs bounded time and memory.
/// Real images are far inside every one of them.
/// </summary>
public sealed record ReaderLimits
{
    /// <summary>How many directory levels below the root a tree may have. Default 1024.</summary>
    public int MaxDepth { get; init; } = 1024;

    /// <summary>How many entries one directory tree may hold in all. Default 10,000,000.</summary>
    public long MaxEntries { get; init; } = 10_000_000;

    /// <summary>The largest directory extent accepted, in bytes. Default 64 MiB.</summary>
    public uint MaxDirectoryBytes { get; init; } = 64 << 20;

    /// <summary>
    /// How many SUSP continuation areas (CE entries) one System Use area may chain through,
    /// which also stops CE loops. Default 32.
    /// </summary>
    public int MaxContinuationHops { get; init; } = 32;

    /// <summary>The longest Rock Ridge name (NM entries joined), in bytes. Default 1024.</summary>
    public int MaxNameBytes { get; init; } = 1024;

    /// <summary>
    /// The longest Rock Ridge symlink target (SL components joined), counted in decoded characters.
    /// Default 4096, Linux's PATH_MAX.
    /// </summary>
    public int MaxSymlinkBytes { get; init; } = 4096;

    /// <summary>How many extents (ECMA-119 file sections) one multi-extent file may have. Default 1000.</summary>
    public int MaxSections { get; init; } = 1000;
}
