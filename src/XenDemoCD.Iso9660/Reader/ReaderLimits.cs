namespace XenDemoCD.Iso9660;

/// <summary>
/// Bounds on what the reader accepts, so a hostile image costs bounded time and memory.
/// Real images are far inside every one of them.
/// </summary>
public sealed record ReaderLimits
{
    public int MaxDepth { get; init; } = 1024;

    public long MaxEntries { get; init; } = 10_000_000;

    public uint MaxDirectoryBytes { get; init; } = 64 << 20;

    public int MaxContinuationHops { get; init; } = 32;

    public int MaxNameBytes { get; init; } = 1024;

    public int MaxSymlinkBytes { get; init; } = 4096;

    public int MaxSections { get; init; } = 1000;
}
