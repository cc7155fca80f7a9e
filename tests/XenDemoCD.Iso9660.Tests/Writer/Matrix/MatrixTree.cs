using System.Security.Cryptography;

namespace XenDemoCD.Iso9660.Tests.Writer.Matrix;

/// <summary>
/// A small tree with every shape the writer must carry under any option: empty and
/// multi-block files (around the 2048-byte sector and past the largest zisofs block),
/// a symlink, a hard link, a fifo, a deep directory, a long name, a time in the future,
/// and the boot images the El Torito and hybrid options point at.
/// </summary>
public static class MatrixTree
{
    public static readonly DateTimeOffset Stamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public const string BiosImage = "boot/bios.img";
    public const string EfiImage = "boot/efi.img";
    public const string Catalog = "boot/boot.cat";

    public static readonly string LongName = new string('n', 200) + ".txt";

    public static readonly string DeepDirectory = string.Join(
        '/',
        Enumerable.Range(1, 10).Select(i => $"deep{i:00}")
    );

    private static readonly int[] Sizes = [0, 1, 2047, 2048, 2049, 40_000, 300_000];

    public static IsoTree Build(WriterCase @case)
    {
        var tree = new IsoTree { DefaultDirectoryMetadata = Meta(0x1ED, -1) };
        tree.Root.Metadata = Meta(0x1ED, -2);
        foreach (var size in Sizes)
        {
            // Compressible and incompressible versions: zisofs stores the two differently.
            Add(tree, $"sizes/pattern-{size}", Pattern(size), Meta(0x1A4, -3), @case);
            Add(tree, $"sizes/random-{size}", Random(size), Meta(0x180, -4), @case);
        }
        Add(tree, "links/original", Pattern(5000), Meta(0x1ED, -5), @case);
        tree.AddHardLink("links/hard", "links/original");
        tree.AddSymlink("links/soft", "original", Meta(0x1FF, -6));
        tree.AddSpecial("fifo", EntryKind.Fifo, metadata: Meta(0x1A4, -7));
        Add(tree, DeepDirectory + "/bottom", Pattern(10), Meta(0x1A4, -8), @case);
        Add(tree, LongName, Pattern(100), Meta(0x1A4, -9), @case);
        // After the image timestamp, so ClampToTimestamp and FromEntries differ.
        Add(tree, "future", Pattern(3), Meta(0x1A4, 60 * 24), @case);
        tree.AddDirectory("empty-dir", Meta(0x1C0, -10));
        // Boot images are never zisofs (the BIOS reads them raw); their bytes are arbitrary.
        tree.AddFile(BiosImage, FileContent.FromBytes(Random(2048)), Meta(0x1A4, -11));
        tree.AddFile(EfiImage, FileContent.FromBytes(Random(64 * 1024)), Meta(0x1A4, -11));
        return tree;
    }

    public static IsoImageOptions Options(WriterCase @case) =>
        new()
        {
            Timestamp = Stamp,
            FileTimes = @case.FileTimes,
            VolumeId = "MATRIX",
            Joliet = @case.Joliet,
            ZisofsBlockSizeLog2 = @case.ZisofsBlockLog2 ?? 15,
            Boot = new ElToritoOptions
            {
                BiosImage = BiosImage,
                EfiImage = EfiImage,
                CatalogPath = Catalog,
                HideBootFiles = @case.HideBootFiles,
                // Unpatched, so the boot images read back byte for byte like any file.
                BootInfoTable = false,
                Grub2BootInfo = false,
            },
            Hybrid = new GrubHybridOptions { MbrTemplate = new byte[512], Gpt = @case.Gpt },
        };

    /// <summary>Every entry a reader should list, by path relative to the root.</summary>
    public static SortedDictionary<string, ExpectedEntry> Expected(IsoTree tree, WriterCase @case)
    {
        var expected = new SortedDictionary<string, ExpectedEntry>(StringComparer.Ordinal);
        foreach (var entry in tree.Walk())
        {
            var bootFile = entry.Path.TrimStart('/') is BiosImage or EfiImage;
            if (bootFile && @case.HideBootFiles)
            {
                continue;
            }
            expected[entry.Path.TrimStart('/')] = new ExpectedEntry(
                entry.Kind,
                entry.Metadata.Permissions,
                (entry as TreeSymlink)?.Target,
                entry is TreeFile file ? Sha256(file.Content.OpenRead()) : null,
                TimeOf(entry.Metadata.ModificationTime, @case.FileTimes)
            );
        }
        if (!@case.HideBootFiles)
        {
            // The writer adds the catalog itself; its bytes are its own business.
            expected[Catalog] = new ExpectedEntry(EntryKind.File, 0x124, null, null, Stamp);
        }
        return expected;
    }

    public static string Sha256(Stream stream)
    {
        using (stream)
        {
            return Convert.ToHexString(SHA256.HashData(stream));
        }
    }

    private static DateTimeOffset TimeOf(DateTimeOffset? own, FileTimePolicy policy) =>
        policy switch
        {
            FileTimePolicy.Timestamp => Stamp,
            FileTimePolicy.ClampToTimestamp => own is { } t && t < Stamp ? t : Stamp,
            _ => own ?? Stamp,
        };

    private static void Add(
        IsoTree tree,
        string path,
        byte[] bytes,
        PosixMetadata metadata,
        WriterCase @case
    ) =>
        tree.AddFile(path, FileContent.FromBytes(bytes), metadata).Zisofs =
            @case.ZisofsBlockLog2 is not null;

    private static PosixMetadata Meta(uint permissions, int minutes) =>
        new()
        {
            Permissions = permissions,
            ModificationTime = Stamp.AddMinutes(minutes),
            AccessTime = Stamp.AddMinutes(minutes),
            ChangeTime = Stamp.AddMinutes(minutes),
        };

    private static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i % 97 < 10 ? i * 13 : 'x');
        }
        return bytes;
    }

    private static byte[] Random(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
