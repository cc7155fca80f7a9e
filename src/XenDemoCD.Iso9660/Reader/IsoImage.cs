using XenDemoCD.Iso9660.Format;
using XenDemoCD.Iso9660.Reader;
using F = XenDemoCD.Iso9660.Format.VolumeDescriptorFields;

namespace XenDemoCD.Iso9660;

/// <summary>Which directory tree the reader presents.</summary>
public enum IsoView
{
    /// <summary>
    /// Rock Ridge if the image has it, else Joliet if present, else plain ISO names. A damaged
    /// Rock Ridge tree is an error, never a quiet fall back to a view without modes and links.
    /// </summary>
    Auto,

    /// <summary>
    /// The primary tree with Rock Ridge (RRIP) names, modes, owners, times, links and device
    /// numbers; an error if the image has none.
    /// </summary>
    RockRidge,

    /// <summary>The Joliet tree from the supplementary volume descriptor (UCS-2 names, no POSIX metadata); an error if the image has none.</summary>
    Joliet,

    /// <summary>The primary tree with plain ECMA-119 names, ignoring any Rock Ridge.</summary>
    Plain,
}

/// <summary>The identifiers of a primary or Joliet volume descriptor.</summary>
/// <param name="SystemId">The system identifier, trailing spaces removed.</param>
/// <param name="VolumeId">The volume identifier (the label), trailing spaces removed.</param>
/// <param name="VolumeSpaceBlocks">The volume space size: the image's length in 2048-byte blocks, as the descriptor states it.</param>
/// <param name="VolumeSetId">The volume set identifier, trailing spaces removed.</param>
/// <param name="PublisherId">The publisher identifier, trailing spaces removed.</param>
/// <param name="DataPreparerId">The data preparer identifier, trailing spaces removed.</param>
/// <param name="ApplicationId">The application identifier, trailing spaces removed.</param>
/// <param name="CreationTime">The volume creation date and time; null when the field is unset (all zeros) or unreadable.</param>
/// <param name="ModificationTime">The volume modification date and time; null when the field is unset (all zeros) or unreadable.</param>
/// <param name="RootLba">The root directory's first logical block, in 2048-byte blocks.</param>
/// <param name="RootSize">The root directory's data length in bytes.</param>
public sealed record VolumeInfo(
    string SystemId,
    string VolumeId,
    uint VolumeSpaceBlocks,
    string VolumeSetId,
    string PublisherId,
    string DataPreparerId,
    string ApplicationId,
    DateTimeOffset? CreationTime,
    DateTimeOffset? ModificationTime,
    uint RootLba,
    uint RootSize
);

/// <summary>
/// An image opened for reading: its descriptors, El Torito catalog and system area at once,
/// its directory tree on first use. Safe against hostile input: see <see cref="ReaderLimits"/>.
/// </summary>
public sealed class IsoImage : IDisposable
{
    private readonly ImageSource source;
    private readonly ReaderLimits limits;
    private readonly Dictionary<IsoView, IsoEntry> trees = [];

    private readonly bool strict;

    private IsoImage(ImageSource source, ReaderLimits limits, bool strict)
    {
        this.source = source;
        this.limits = limits;
        this.strict = strict;
        ReadDescriptors();
    }

    /// <summary>
    /// Opens an image file for reading and reads its volume descriptors, El Torito catalog and
    /// system area; the directory trees are read on first use.
    /// </summary>
    /// <param name="path">The image file; it stays open until the image is disposed.</param>
    /// <param name="limits">Bounds against hostile input; null takes the defaults of <see cref="ReaderLimits"/>.</param>
    /// <param name="strict">
    /// A damaged Rock Ridge entry is an <see cref="IsoFormatException"/>, not a warning: for
    /// readers that need every entry exact, such as the build unpacking our own CDs.
    /// </param>
    /// <exception cref="IsoFormatException">The descriptors or boot catalog are damaged, or there is no primary volume descriptor.</exception>
    public static IsoImage Open(string path, ReaderLimits? limits = null, bool strict = false) =>
        Open(
            new FileStream(
                path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read,
                0,
                FileOptions.RandomAccess
            ),
            leaveOpen: false,
            limits,
            strict
        );

    /// <summary>
    /// Opens an image held in a stream and reads its volume descriptors, El Torito catalog and
    /// system area; the directory trees are read on first use.
    /// </summary>
    /// <param name="stream">The image, positioned anywhere; it must be readable and seekable.</param>
    /// <param name="leaveOpen">Keep <paramref name="stream"/> open when the image is disposed (or fails to open).</param>
    /// <param name="limits">Bounds against hostile input; null takes the defaults of <see cref="ReaderLimits"/>.</param>
    /// <param name="strict">A damaged Rock Ridge entry is an <see cref="IsoFormatException"/>, not a warning.</param>
    /// <exception cref="ArgumentException">The stream cannot seek or cannot read.</exception>
    /// <exception cref="IsoFormatException">The descriptors or boot catalog are damaged, or there is no primary volume descriptor.</exception>
    public static IsoImage Open(
        Stream stream,
        bool leaveOpen = false,
        ReaderLimits? limits = null,
        bool strict = false
    )
    {
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("an image is read from a seekable, readable stream");
        }
        var source = new ImageSource(stream, leaveOpen);
        try
        {
            return new IsoImage(source, limits ?? new ReaderLimits(), strict);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>The primary volume descriptor (ECMA-119 type 1): every image has one.</summary>
    public VolumeInfo Primary { get; private set; } = null!;

    /// <summary>The Joliet supplementary volume descriptor (type 2 with a UCS-2 escape sequence); null when there is none.</summary>
    public VolumeInfo? Joliet { get; private set; }

    /// <summary>Root '.' of the primary tree carries SUSP SP and Rock Ridge entries (perhaps damaged).</summary>
    public bool HasRockRidge { get; private set; }

    /// <summary>
    /// Why the Rock Ridge tree cannot be read, when already the root's System Use area is
    /// damaged. Damage deeper in the tree is found when that tree is read. Either way the
    /// Joliet and plain views can still be read, by asking for them.
    /// </summary>
    public IsoFormatException? RockRidgeDamage { get; private set; }

    /// <summary>
    /// The El Torito catalog's boot images: the default entry first, then each section entry in
    /// catalog order. Empty when the image has no boot record.
    /// </summary>
    public IReadOnlyList<BootEntry> BootEntries { get; private set; } = [];

    /// <summary>
    /// Where the El Torito boot catalog is, in 2048-byte blocks, as the boot record volume
    /// descriptor names it; null when the image is not bootable from a CD.
    /// </summary>
    public uint? BootCatalogLba { get; private set; }

    /// <summary>
    /// The partition tables in the system area (the first 16 blocks, 32 KiB): MBR entries and a
    /// GPT, as a hybrid image carries them.
    /// </summary>
    public SystemAreaInfo SystemArea { get; private set; } = null!;

    /// <summary>Odd things the reader worked around (skipped hostile names, …).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// Rock Ridge entries read as plain ISO 9660 records because their System Use area was
    /// damaged (each also in <see cref="Warnings"/>); always empty when opened strict.
    /// </summary>
    public List<IsoFormatException> DamagedEntries { get; } = [];

    /// <summary>The length of the file or stream holding the image, in bytes.</summary>
    public long ImageLength => source.Length;

    private byte[] primaryRoot = [];
    private byte[]? jolietRoot;
    private int suspSkip;

    private void ReadDescriptors()
    {
        var systemArea = new byte[Sizes.SystemAreaBlocks * Sizes.Block];
        source.Read(0, systemArea, "system area");
        SystemArea = PartitionTables.Read(systemArea);
        var block = new byte[Sizes.Block];
        for (var index = 0; index < 64; index++)
        {
            long offset = (Sizes.FirstDescriptorBlock + index) * (long)Sizes.Block;
            source.Read(offset, block, "volume descriptor");
            if (!block.AsSpan(F.StandardId, 5).SequenceEqual(VolumeDescriptor.StandardId))
            {
                throw new IsoFormatException("volume descriptor", offset, "no CD001 signature");
            }
            var type = block[F.Type];
            if (type == F.TypeTerminator)
            {
                break;
            }
            if (type == F.TypeBootRecord)
            {
                BootCatalogLba = BootRecordDescriptor.ReadCatalogLba(block);
                continue;
            }
            if (type is not (F.TypePrimary or F.TypeSupplementary))
            {
                continue;
            }
            var descriptor = VolumeDescriptor.Read(block);
            if (type == F.TypePrimary && Primary is null)
            {
                Primary = Info(descriptor, offset);
                primaryRoot = descriptor.RootRecord;
            }
            else if (descriptor.IsJoliet && Joliet is null)
            {
                Joliet = Info(descriptor, offset);
                jolietRoot = descriptor.RootRecord;
            }
        }
        if (Primary is null)
        {
            throw new IsoFormatException(
                "volume descriptor set",
                16 * Sizes.Block,
                "no primary volume descriptor"
            );
        }
        DetectRockRidge();
        if (BootCatalogLba is { } catalogLba)
        {
            var offset = (long)catalogLba * Sizes.Block;
            BootEntries = BootCatalog.Read(
                source.ReadBytes(offset, Sizes.Block, "El Torito boot catalog"),
                offset
            );
        }
    }

    private VolumeInfo Info(VolumeDescriptor d, long offset)
    {
        var root =
            DirectoryRecord.Read(d.RootRecord, offset + F.RootDirectoryRecord)
            ?? throw new IsoFormatException(
                "root directory record",
                offset + F.RootDirectoryRecord,
                "empty"
            );
        return new VolumeInfo(
            d.SystemId,
            d.VolumeId,
            d.VolumeSpaceSize,
            d.VolumeSetId,
            d.PublisherId,
            d.DataPreparerId,
            d.ApplicationId,
            d.CreationTime,
            d.ModificationTime,
            root.ExtentLba,
            root.DataLength
        );
    }

    private void DetectRockRidge()
    {
        var offset = (long)Primary.RootLba * Sizes.Block;
        var block = source.ReadBytes(offset, Sizes.Block, "root directory");
        var dot = DirectoryRecord.Read(block, offset);
        if (dot is not { } record)
        {
            return;
        }
        var area = block.AsSpan(record.SystemUseOffset, record.SystemUseLength);
        var areaOffset = offset + record.SystemUseOffset;
        const string owner = "the root directory's '.' record";
        RockRidgeInfo info;
        try
        {
            info = SuspReader.Parse(source, area, areaOffset, owner, limits);
        }
        catch (IsoFormatException damage) when (StartsWithSp(area))
        {
            // Not an image without Rock Ridge: one whose Rock Ridge is broken.
            HasRockRidge = true;
            RockRidgeDamage = damage;
            return;
        }
        catch (IsoFormatException)
        {
            return; // other System Use data (CD-ROM XA): no SUSP, so no Rock Ridge
        }
        if (!info.HasSp && (info.HasEr || info.HasAnyRrip))
        {
            HasRockRidge = true;
            RockRidgeDamage = new IsoFormatException(
                $"System Use entry SP in the System Use area of {owner}",
                areaOffset,
                "missing or damaged, yet the area holds Rock Ridge entries"
            );
            return;
        }
        HasRockRidge = info.HasSp && (info.HasEr || info.HasAnyRrip);
        suspSkip = info.SpSkip;
    }

    /// <summary>
    /// The area starts with an SP entry, perhaps with one byte damaged: 'S' 'P' 7 1 BE EF.
    /// Other System Use data (CD-ROM XA) at the root means the image has no SUSP at all.
    /// </summary>
    private static bool StartsWithSp(ReadOnlySpan<byte> area)
    {
        ReadOnlySpan<byte> sp = [(byte)'S', (byte)'P', 7, 1, 0xBE, 0xEF];
        if (area.Length < sp.Length)
        {
            return false;
        }
        var matching = 0;
        for (var i = 0; i < sp.Length; i++)
        {
            matching += area[i] == sp[i] ? 1 : 0;
        }
        return matching >= sp.Length - 1;
    }

    /// <summary>The root of the chosen tree (read once, then cached).</summary>
    public IsoEntry GetRoot(IsoView view = IsoView.Auto)
    {
        var chosen = view switch
        {
            IsoView.Auto when HasRockRidge => IsoView.RockRidge,
            IsoView.Auto when Joliet is not null => IsoView.Joliet,
            IsoView.Auto => IsoView.Plain,
            IsoView.Joliet when Joliet is null => throw new InvalidOperationException(
                "the image has no Joliet tree"
            ),
            IsoView.RockRidge when !HasRockRidge => throw new InvalidOperationException(
                "the image has no Rock Ridge"
            ),
            _ => view,
        };
        if (chosen == IsoView.RockRidge && RockRidgeDamage is { } damage)
        {
            throw new IsoFormatException(damage.Structure, damage.Offset, damage.Problem);
        }
        if (!trees.TryGetValue(chosen, out var root))
        {
            var rootRecord = chosen == IsoView.Joliet ? jolietRoot! : primaryRoot;
            root = new TreeReader(
                source,
                limits,
                chosen,
                suspSkip,
                strict,
                Warnings,
                DamagedEntries
            ).Read(rootRecord);
            trees[chosen] = root;
        }
        return root;
    }

    /// <summary>Every entry of the chosen tree, depth first, the root excluded.</summary>
    public IEnumerable<IsoEntry> Enumerate(IsoView view = IsoView.Auto)
    {
        var stack = new Stack<IsoEntry>();
        var root = GetRoot(view);
        for (var i = root.Children.Count - 1; i >= 0; i--)
        {
            stack.Push(root.Children[i]);
        }
        while (stack.Count > 0)
        {
            var entry = stack.Pop();
            yield return entry;
            for (var i = entry.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(entry.Children[i]);
            }
        }
    }

    /// <summary>
    /// The entry at <paramref name="path"/> in the chosen tree ("" or "/" is the root), or null.
    /// Names are compared exactly (ordinal).
    /// </summary>
    /// <param name="path">A '/'-separated path in the image; a leading '/' is optional.</param>
    /// <param name="view">Which tree to look in (read on first use, as <see cref="GetRoot"/> does).</param>
    public IsoEntry? Find(string path, IsoView view = IsoView.Auto)
    {
        var entry = GetRoot(view);
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            entry = entry.Children.FirstOrDefault(c => c.Name == part);
            if (entry is null)
            {
                return null;
            }
        }
        return entry;
    }

    /// <summary>A file's content (zisofs decompressed, multi-extent joined).</summary>
    public Stream OpenRead(IsoEntry entry)
    {
        if (entry.Kind != EntryKind.File)
        {
            throw new ArgumentException($"{entry.Path} is a {entry.Kind}, not a file");
        }
        var stored = new ExtentStream(source, entry.Extents, entry.Path);
        if (entry.ZisofsBlockSizeLog2 is null)
        {
            return stored;
        }
        var offset = entry.Extents.Count > 0 ? (long)entry.Extents[0].Lba * Sizes.Block : 0;
        return new ZisofsStream(stored, entry.Size, entry.Path, offset);
    }

    /// <summary>Raw bytes of the image, e.g. a boot image named by the catalog.</summary>
    public byte[] ReadBlocks(uint lba, int count) =>
        source.ReadBytes((long)lba * Sizes.Block, count * Sizes.Block, "image blocks");

    /// <summary>Closes the image's file or stream (unless it was opened with leaveOpen).</summary>
    public void Dispose() => source.Dispose();
}
