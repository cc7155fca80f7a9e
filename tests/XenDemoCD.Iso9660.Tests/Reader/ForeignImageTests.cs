using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Reader;

/// <summary>Our reader on images made by xorriso and genisoimage with options our writer never uses.</summary>
public sealed class ForeignImageTests : IDisposable
{
    private readonly TempDirectory scratch = new();
    private readonly string source;

    public ForeignImageTests()
    {
        source = scratch["src"];
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        File.WriteAllText(Path.Combine(source, "hello.txt"), "hello\n");
        File.WriteAllText(
            Path.Combine(source, "sub", "Mixed Case Name With Spaces.txt"),
            "spaces\n"
        );
        File.WriteAllBytes(
            Path.Combine(source, "sub", "compressible.bin"),
            Enumerable.Range(0, 200_000).Select(i => (byte)(i % 97 < 10 ? i : 'z')).ToArray()
        );
        File.CreateSymbolicLink(Path.Combine(source, "link"), "sub/../hello.txt");
        var deep = Path.Combine([source, .. Enumerable.Range(1, 11).Select(i => $"d{i}")]);
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "bottom.txt"), "bottom\n");
    }

    public void Dispose() => scratch.Dispose();

    private static string DeepFile =>
        "/" + string.Join('/', Enumerable.Range(1, 11).Select(i => $"d{i}")) + "/bottom.txt";

    private static string Content(IsoImage image, string path)
    {
        var entry = image.Find(path) ?? throw new Xunit.Sdk.XunitException($"{path} not found");
        using var reader = new StreamReader(image.OpenRead(entry));
        return reader.ReadToEnd();
    }

    [Fact]
    public void Reads_genisoimage_rock_ridge_1_09_with_relocated_deep_directories()
    {
        var iso = scratch["genisoimage-rr.iso"];
        DebianTool.Run("genisoimage", "-quiet", "-R", "-o", iso, source);
        using var image = IsoImage.Open(iso);
        Assert.True(image.HasRockRidge);
        Assert.Equal("bottom\n", Content(image, DeepFile));
        Assert.Equal("sub/../hello.txt", image.Find("/link")!.SymlinkTarget);
        Assert.Equal("spaces\n", Content(image, "/sub/Mixed Case Name With Spaces.txt"));
        // The relocated directory appears once, at its original place, not also under rr_moved.
        Assert.DoesNotContain(
            image.Enumerate(),
            e => e.Path.StartsWith("/rr_moved/", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void Reads_plain_iso_names_when_there_is_neither_rock_ridge_nor_joliet()
    {
        var iso = scratch["plain.iso"];
        DebianTool.Run("genisoimage", "-quiet", "-o", iso, source);
        using var image = IsoImage.Open(iso);
        Assert.False(image.HasRockRidge);
        Assert.Null(image.Joliet);
        Assert.Equal("hello\n", Content(image, "/HELLO.TXT"));
    }

    [Fact]
    public void Falls_back_to_joliet_names_when_there_is_no_rock_ridge()
    {
        var iso = scratch["joliet.iso"];
        DebianTool.Run("genisoimage", "-quiet", "-J", "-o", iso, source);
        using var image = IsoImage.Open(iso);
        Assert.False(image.HasRockRidge);
        Assert.NotNull(image.Joliet);
        Assert.Equal("spaces\n", Content(image, "/sub/Mixed Case Name With Spaces.txt"));
    }

    [Fact]
    public void Reads_xorriso_rrip_1_12_and_zisofs_compressed_files()
    {
        var iso = scratch["xorriso-zisofs.iso"];
        DebianTool.Run(
            "xorriso",
            "-compliance",
            "new_rr",
            "-outdev",
            iso,
            "-map",
            source,
            "/",
            "-find",
            "/sub",
            "-name",
            "compressible.bin",
            "-exec",
            "set_filter",
            "--zisofs",
            "--",
            "-commit"
        );
        using var image = IsoImage.Open(iso);
        Assert.True(image.HasRockRidge);
        var entry = image.Find("/sub/compressible.bin")!;
        Assert.NotNull(entry.ZisofsBlockSizeLog2);
        Assert.True(entry.Extents[0].Length < 200_000);
        using var stream = image.OpenRead(entry);
        var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(source, "sub", "compressible.bin")),
            bytes.ToArray()
        );
    }

    [Fact]
    public void Reads_every_entry_of_a_catalog_with_several_el_torito_images()
    {
        File.WriteAllBytes(Path.Combine(source, "a.img"), new byte[4096]);
        File.WriteAllBytes(Path.Combine(source, "b.img"), new byte[8192]);
        File.WriteAllBytes(Path.Combine(source, "efi.img"), new byte[65536]);
        var iso = scratch["multi-boot.iso"];
        DebianTool.Run(
            "xorriso",
            "-as",
            "mkisofs",
            "-quiet",
            "-R",
            "-o",
            iso,
            "-b",
            "a.img",
            "-no-emul-boot",
            "-boot-load-size",
            "4",
            "-eltorito-alt-boot",
            "-b",
            "b.img",
            "-no-emul-boot",
            "-boot-load-size",
            "8",
            "-eltorito-alt-boot",
            "-e",
            "efi.img",
            "-no-emul-boot",
            source
        );
        using var image = IsoImage.Open(iso);
        Assert.Equal(3, image.BootEntries.Count);
        Assert.Equal(["BIOS", "BIOS", "UEFI"], image.BootEntries.Select(e => e.PlatformName));
        Assert.Equal([4, 8, 128], image.BootEntries.Select(e => (int)e.SectorCount));
        Assert.Equal(image.Find("/b.img")!.Extents[0].Lba, image.BootEntries[1].Lba);
    }

    [Fact]
    public void Extracts_a_genisoimage_tree_with_symlinks_and_deep_directories()
    {
        var iso = scratch["extract.iso"];
        DebianTool.Run("genisoimage", "-quiet", "-R", "-J", "-o", iso, source);
        using var image = IsoImage.Open(iso);
        var target = scratch["out"];
        IsoExtractor.Extract(image, target);
        Assert.Equal("bottom\n", File.ReadAllText(target + DeepFile));
        Assert.Equal("sub/../hello.txt", new FileInfo(Path.Combine(target, "link")).LinkTarget);
    }
}
