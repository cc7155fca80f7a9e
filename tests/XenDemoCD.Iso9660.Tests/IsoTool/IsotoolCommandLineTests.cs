using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.IsoTool;

/// <summary>isotool's command line: mistakes are named and exit 2, help is output and exit 0.</summary>
public sealed class IsotoolCommandLineTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public IsotoolCommandLineTests()
    {
        Directory.CreateDirectory(scratch["src"]);
        File.WriteAllText(Path.Combine(scratch["src"], "a.txt"), "a\n");
    }

    public void Dispose() => scratch.Dispose();

    private IsotoolRun Create(params string[] options) =>
        IsotoolRun.Of(["create", scratch["src"], "-o", scratch["out.iso"], .. options]);

    [Fact]
    public void An_unknown_option_exits_2_naming_it_and_the_nearest_valid_one_then_the_usage_on_stderr()
    {
        var run = Create("--date", "0", "--volume-id", "MYDISC");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "isotool create: unknown option --volume-id (did you mean --volid?)",
            run.FirstErrorLine
        );
        Assert.Contains("usage:", run.Error);
        Assert.Equal("", run.Output);
        Assert.False(File.Exists(scratch["out.iso"]));
    }

    [Fact]
    public void An_option_of_another_command_is_named_as_such()
    {
        var run = IsotoolRun.Of("ls", "--volid", "X", scratch["out.iso"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "isotool ls: --volid is an option of 'isotool create', not of 'ls'",
            run.FirstErrorLine
        );
    }

    [Fact]
    public void A_bad_option_value_exits_2_naming_the_nearest_valid_value()
    {
        var run = IsotoolRun.Of("ls", "--view", "rockrige", scratch["out.iso"]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("isotool ls: --view 'rockrige' is not a valid value", run.FirstErrorLine);
        Assert.Contains("did you mean rockridge?", run.FirstErrorLine);
        Assert.Contains("usage:", run.Error);
    }

    [Fact]
    public void A_date_that_is_not_a_date_exits_2()
    {
        var run = Create("--date", "yesterday");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--date 'yesterday'", run.FirstErrorLine);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("create", "--help")]
    [InlineData("extract", "-h")]
    public void Help_prints_the_usage_on_stdout_and_exits_0(params string[] args)
    {
        var run = IsotoolRun.Of(args);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("usage:", run.Output);
        Assert.Contains("isotool extract", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void No_command_exits_2_with_the_usage_on_stderr()
    {
        var run = IsotoolRun.Of();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage:", run.Error);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("my-disc", "lower-case letters are not allowed, '-' is not allowed")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "it has 33 characters, more than 32")]
    public void A_volume_id_that_is_not_iso_9660_d_characters_is_an_error_saying_how_to_fix_it(
        string volumeId,
        string problem
    )
    {
        var run = Create("--date", "0", "--volid", volumeId);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--volid '{volumeId}' is not an ISO 9660 volume id", run.FirstErrorLine);
        Assert.Contains(problem, run.FirstErrorLine);
        Assert.Contains("--map-volid", run.FirstErrorLine);
        Assert.False(File.Exists(scratch["out.iso"]));
    }

    [Fact]
    public void Map_volid_maps_the_volume_id_and_says_what_it_became()
    {
        var run = Create(
            "--date",
            "0",
            "--volid",
            "my disc.2024-with-a-very-long-name",
            "--map-volid"
        );

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "--volid 'my disc.2024-with-a-very-long-name' mapped to 'MY_DISC_2024_WITH_A_VERY_LONG_NA'",
            run.Error
        );
        using var image = IsoImage.Open(scratch["out.iso"]);
        Assert.Equal("MY_DISC_2024_WITH_A_VERY_LONG_NA", image.Primary.VolumeId);
    }

    [Fact]
    public void A_valid_volume_id_is_written_as_given()
    {
        var run = Create("--date", "0", "--volid", "XENDEMO_1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        using var image = IsoImage.Open(scratch["out.iso"]);
        Assert.Equal("XENDEMO_1", image.Primary.VolumeId);
    }
}
