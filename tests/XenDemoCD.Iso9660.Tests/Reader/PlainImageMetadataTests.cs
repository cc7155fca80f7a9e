using XenDemoCD.Iso9660.Tests.IsoTool;
using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Reader;

/// <summary>An image without Rock Ridge: listing and extraction show what Linux shows mounted.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PlainImageMetadataTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private string PlainImage(DateTimeOffset stamp)
    {
        var source = scratch["src"];
        Directory.CreateDirectory(Path.Combine(source, "d"));
        var file = Path.Combine(source, "d", "f.txt");
        File.WriteAllText(file, "x");
        File.SetLastWriteTimeUtc(file, stamp.UtcDateTime);
        DebianTool.Run("genisoimage", "-quiet", "-o", scratch["p.iso"], source);
        return scratch["p.iso"];
    }

    [Fact]
    public void Files_without_Rock_Ridge_are_r_xr_xr_x_in_listing_and_extraction_as_Linux_mounts_them()
    {
        var iso = PlainImage(DateTimeOffset.UnixEpoch.AddYears(40));

        var listing = IsotoolRun.Of("ls", "-l", iso);
        var extract = IsotoolRun.Of("extract", iso, scratch["out"]);

        Assert.Equal(0, extract.ExitCode);
        Assert.Contains(
            listing.Output.Split('\n'),
            l => l.StartsWith("-r-xr-xr-x") && l.EndsWith("/D/F.TXT")
        );
        var mode = File.GetUnixFileMode(Path.Combine(scratch["out"], "D", "F.TXT"));
        Assert.Equal((UnixFileMode)0x16D, mode);
    }

    [Theory]
    [InlineData("2100-03-01T12:00:00Z")]
    [InlineData("2100-02-28T23:59:59Z")]
    [InlineData("2038-01-19T03:14:08Z")]
    public void A_recording_date_lists_and_extracts_as_the_same_instant(string when)
    {
        var stamp = DateTimeOffset.Parse(when, System.Globalization.CultureInfo.InvariantCulture);
        var iso = PlainImage(stamp);

        var listing = IsotoolRun.Of("ls", "-l", iso);
        IsotoolRun.Of("extract", iso, scratch["out"]);

        var line = Assert.Single(listing.Output.Split('\n'), l => l.EndsWith("/D/F.TXT"));
        Assert.Contains($"{stamp.UtcDateTime:yyyy-MM-dd HH:mm:ss}", line);
        Assert.Equal(
            stamp.UtcDateTime,
            File.GetLastWriteTimeUtc(Path.Combine(scratch["out"], "D", "F.TXT"))
        );
    }
}
