using XenDemoCD.Iso9660.Tests.Robustness;

namespace XenDemoCD.Iso9660.Tests.Reader;

/// <summary>Damaged Rock Ridge is an error naming the entry and its offset, never a quiet fall back to Joliet.</summary>
public sealed class DamagedRockRidgeTests
{
    [Fact]
    public void A_name_entry_running_past_its_area_fails_the_default_view_naming_entry_record_and_offset()
    {
        var (bytes, at) = DamagedRockRidge.NameEntryTooLong("victim.txt");
        using var image = IsoImage.Open(new MemoryStream(bytes));

        var error = Assert.Throws<IsoFormatException>(() => image.Enumerate().ToList());

        Assert.Equal(at, error.Offset);
        Assert.StartsWith("System Use entry NM in ", error.Structure);
        Assert.Contains("'VICTIM.TXT;1' in /dir", error.Structure);
        Assert.Contains("length 255 runs past the end of the area", error.Problem);
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
