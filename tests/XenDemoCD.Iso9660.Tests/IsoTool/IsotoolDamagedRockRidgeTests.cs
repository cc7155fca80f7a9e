using XenDemoCD.Iso9660.Tests.Robustness;
using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.IsoTool;

/// <summary>isotool on an image whose Rock Ridge is damaged: an error by default, --view reads what is left.</summary>
public sealed class IsotoolDamagedRockRidgeTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private string Write(byte[] image)
    {
        File.WriteAllBytes(scratch["damaged.iso"], image);
        return scratch["damaged.iso"];
    }

    [Fact]
    public void Ls_warns_about_one_damaged_entry_naming_path_and_offset_and_lists_the_rest()
    {
        var (image, at) = DamagedRockRidge.NameEntryTooLong("victim.txt");

        var run = IsotoolRun.Of("ls", Write(image));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(
            $"isotool ls: warning: /dir/VICTIM.TXT: damaged Rock Ridge entry: System Use entry NM in the System Use area of the directory record 'VICTIM.TXT;1' in /dir at byte offset {at}: length 255 runs past the end of the area (16 bytes left); shown with its ISO 9660 name",
            run.FirstErrorLine
        );
        Assert.Contains("/dir/VICTIM.TXT", run.Output.Split('\n'));
        Assert.Contains("/dir", run.Output.Split('\n'));
    }

    [Theory]
    [InlineData("ls")]
    [InlineData("extract")]
    public void Strict_makes_one_damaged_entry_an_error_and_extracts_nothing(string command)
    {
        var (image, at) = DamagedRockRidge.NameEntryTooLong("victim.txt");
        var iso = Write(image);

        var run =
            command == "ls"
                ? IsotoolRun.Of("ls", "--strict", iso)
                : IsotoolRun.Of("extract", "--strict", iso, scratch["out"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"'VICTIM.TXT;1' in /dir at byte offset {at}", run.FirstErrorLine);
        Assert.False(Directory.Exists(scratch["out"]));
    }

    [Fact]
    public void Extract_of_damaged_Rock_Ridge_fails_and_creates_nothing()
    {
        var (image, at) = DamagedRockRidge.RootSpCheckByteZeroed();

        var run = IsotoolRun.Of("extract", Write(image), scratch["out"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            $"System Use entry SP in the System Use area of the root directory's '.' record at byte offset {at}: check bytes are 00 EF, not BE EF",
            run.FirstErrorLine
        );
        Assert.False(Directory.Exists(scratch["out"]));
    }

    [Theory]
    [InlineData("joliet")]
    [InlineData("plain")]
    public void Ls_with_another_view_reads_what_is_left(string view)
    {
        var (image, _) = DamagedRockRidge.NameEntryTooLong("victim.txt");

        var run = IsotoolRun.Of("ls", "--view", view, Write(image));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            view == "joliet" ? "/dir/victim.txt" : "/DIR/VICTIM.TXT",
            run.Output.Split('\n')
        );
    }

    [Fact]
    public void Info_reports_damaged_Rock_Ridge()
    {
        var (image, _) = DamagedRockRidge.RootSpCheckByteZeroed();

        var run = IsotoolRun.Of("info", Write(image));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Rock Ridge: damaged (System Use entry SP", run.Output);
    }
}
