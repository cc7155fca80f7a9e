using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// Every position in the image, decided before a byte is written: descriptors, catalog, path
/// tables, directories, continuation areas, file extents and the partition tables.
/// </summary>
internal sealed class ImagePlan
{
    public required IsoImageOptions Options { get; init; }

    public required TreePlan Primary { get; init; }

    public TreePlan? Joliet { get; init; }

    /// <summary>File extents in ascending LBA order.</summary>
    public required List<DataItem> Data { get; init; }

    /// <summary>
    /// Where records without data point (empty files, symlinks, devices): the start of the data
    /// area, after every continuation area, because libarchive ignores a CE that lies beyond
    /// its file's extent. xorriso does the same.
    /// </summary>
    public uint EmptyExtentLba { get; set; }

    public uint PvdLba { get; set; }

    public uint? BootRecordLba { get; set; }

    public uint? SvdLba { get; set; }

    public uint TerminatorLba { get; set; }

    public uint? CatalogLba { get; set; }

    public DataItem? BiosImage { get; set; }

    public DataItem? EfiImage { get; set; }

    /// <summary>Blocks holding ISO data (everything before the backup GPT).</summary>
    public uint DataEndLba { get; set; }

    /// <summary>All blocks of the image, backup GPT included; the PVD's volume space size.</summary>
    public uint TotalBlocks { get; set; }

    public long TotalBytes => (long)TotalBlocks * Sizes.Block;

    public Guid DiskGuid { get; set; }

    public List<GptPartition> GptPartitions { get; } = [];

    public List<MbrPartition> MbrPartitions { get; } = [];

    public List<BootEntry> BootEntries { get; } = [];
}
