using XenDemoCD.Iso9660.Tests.Robustness;

namespace XenDemoCD.Iso9660.Tests.Reader;

/// <summary>
/// Damaged Rock Ridge: the root's SP is an error for the whole tree (never a quiet fall back to
/// Joliet); one entry's damage is a warning naming it and its offset, or an error when strict.
/// </summary>
public sealed class DamagedRockRidgeTests
{
    [Fact]
    public void A_name_entry_running_past_its_area_fails_a_strict_reader_naming_entry_record_and_offset()
    {
        var (bytes, at) = DamagedRockRidge.NameEntryTooLong("victim.txt");
        using var image = IsoImage.Open(new MemoryStream(bytes), strict: true);

        var error = Assert.Throws<IsoFormatException>(() => image.Enumerate().ToList());

        Assert.Equal(at, error.Offset);
        Assert.StartsWith("System Use entry NM in ", error.Structure);
        Assert.Contains("'VICTIM.TXT;1' in /dir", error.Structure);
        Assert.Contains("length 255 runs past the end of the area", error.Problem);
    }

    [Fact]
    public void One_damaged_entry_is_a_warning_naming_path_and_offset_and_keeps_its_ISO_9660_name()
    {
        var (bytes, at) = DamagedRockRidge.NameEntryTooLong("victim.txt");
        using var image = IsoImage.Open(new MemoryStream(bytes));

        var entries = image.Enumerate().ToList();

        var victim = Assert.Single(entries, e => e.Path == "/dir/VICTIM.TXT");
        Assert.Equal(EntryKind.File, victim.Kind);
        var damage = Assert.Single(image.DamagedEntries);
        Assert.Equal(at, damage.Offset);
        var warning = Assert.Single(image.Warnings);
        Assert.StartsWith("/dir/VICTIM.TXT: damaged Rock Ridge entry: ", warning);
        Assert.Contains($"at byte offset {at}", warning);
        Assert.Contains("Rock Ridge name, type, mode, owner, times", warning);
        // The rest keeps its Rock Ridge data: the directory is still lower case.
        Assert.Contains(entries, e => e.Path == "/dir");
    }

    [Fact]
    public void Strict_extraction_refuses_an_image_read_leniently_before_writing_anything()
    {
        var (bytes, at) = DamagedRockRidge.NameEntryTooLong("victim.txt");
        using var image = IsoImage.Open(new MemoryStream(bytes));
        using var scratch = new Support.TempDirectory();

        var error = Assert.Throws<IsoFormatException>(() =>
            IsoExtractor.Extract(image, scratch["out"], new ExtractOptions { Strict = true })
        );

        Assert.Equal(at, error.Offset);
        Assert.False(Directory.Exists(scratch["out"]));
    }

    [Fact]
    public void A_damaged_root_SP_entry_fails_the_default_view_instead_of_reading_Joliet()
    {
        var (bytes, at) = DamagedRockRidge.RootSpCheckByteZeroed();
        using var image = IsoImage.Open(new MemoryStream(bytes));

        var error = Assert.Throws<IsoFormatException>(() => image.Enumerate().ToList());

        Assert.True(image.HasRockRidge);
        Assert.Equal(at, error.Offset);
        Assert.StartsWith("System Use entry SP in ", error.Structure);
        Assert.Equal("check bytes are 00 EF, not BE EF", error.Problem);
    }

    [Fact]
    public void The_Joliet_view_of_an_image_with_damaged_Rock_Ridge_is_read_when_asked_for()
    {
        var (bytes, _) = DamagedRockRidge.NameEntryTooLong("victim.txt");
        using var image = IsoImage.Open(new MemoryStream(bytes));

        var paths = image.Enumerate(IsoView.Joliet).Select(e => e.Path).ToList();

        Assert.Contains("/dir/victim.txt", paths);
    }
}
