namespace XenDemoCD.Cpio.Tests.Writer;

/// <summary>What cannot be archived is refused when added (or written), with the path named.</summary>
public sealed class BuilderValidationTests
{
    private static readonly UnixFileMode Mode644 = (UnixFileMode)0b110_100_100;

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/./b")]
    [InlineData("a//b")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("a\0b")]
    public void Paths_that_would_escape_or_are_not_plain_are_refused(string path)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CpioArchiveBuilder().AddDirectory(path)
        );
        Assert.Contains($"'{path}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leading_slash_and_dot_slash_are_dropped()
    {
        var archive = new CpioArchiveBuilder().AddDirectory("/etc/").AddDirectory("./var");
        Assert.Equal(["etc", "var"], archive.Paths);
    }

    [Fact]
    public void A_path_twice_is_refused_but_an_implied_parent_can_be_given_its_own_mode()
    {
        var archive = new CpioArchiveBuilder().AddFile(
            "etc/hosts",
            CpioContent.FromText(""),
            Mode644
        );
        archive.AddDirectory("etc", (UnixFileMode)0b111_000_000);
        var error = Assert.Throws<ArgumentException>(() =>
            archive.AddFile("etc/hosts", CpioContent.FromText(""), Mode644)
        );
        Assert.Contains("'etc/hosts' is already in the archive", error.Message);
        Assert.Throws<ArgumentException>(() => archive.AddDirectory("etc"));
    }

    [Fact]
    public void Nothing_goes_inside_a_file()
    {
        var archive = new CpioArchiveBuilder().AddFile("f", CpioContent.FromText(""), Mode644);
        var error = Assert.Throws<ArgumentException>(() =>
            archive.AddFile("f/g", CpioContent.FromText(""), Mode644)
        );
        Assert.Contains("'f/g' would be inside 'f'", error.Message);
    }

    [Fact]
    public void Permissions_beyond_07777_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CpioArchiveBuilder().AddDirectory("d", (UnixFileMode)0x1FFFF)
        );
        Assert.Contains("beyond 07777", error.Message);
    }

    [Fact]
    public void A_hard_link_to_nothing_or_to_a_directory_fails_when_written_naming_both()
    {
        var missing = new CpioArchiveBuilder().AddHardLink("l", "nowhere");
        Assert.Contains(
            "'l' names 'nowhere'",
            Assert
                .Throws<InvalidOperationException>(() =>
                    missing.WriteTo(Stream.Null, DateTimeOffset.UnixEpoch)
                )
                .Message
        );
        var directory = new CpioArchiveBuilder().AddDirectory("d").AddHardLink("l", "d");
        Assert.Contains(
            "only regular files",
            Assert
                .Throws<InvalidOperationException>(() =>
                    directory.WriteTo(Stream.Null, DateTimeOffset.UnixEpoch)
                )
                .Message
        );
    }

    [Fact]
    public void A_source_that_gives_other_than_its_declared_length_fails_naming_the_entry()
    {
        var shorter = new CpioArchiveBuilder().AddFile(
            "f",
            CpioContent.FromStream(10, () => new MemoryStream(new byte[4]), "a test stream"),
            Mode644
        );
        var error = Assert.Throws<InvalidOperationException>(() =>
            shorter.WriteTo(Stream.Null, DateTimeOffset.UnixEpoch)
        );
        Assert.Contains(
            "'f': a test stream gave only 4 bytes, but 10 were declared",
            error.Message
        );
        var longer = new CpioArchiveBuilder().AddFile(
            "f",
            CpioContent.FromStream(2, () => new MemoryStream(new byte[4]), "a test stream"),
            Mode644
        );
        Assert.Contains(
            "more than",
            Assert
                .Throws<InvalidOperationException>(() =>
                    longer.WriteTo(Stream.Null, DateTimeOffset.UnixEpoch)
                )
                .Message
        );
    }

    [Fact]
    public void Times_newc_cannot_hold_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CpioArchiveBuilder().WriteTo(Stream.Null, DateTimeOffset.UnixEpoch.AddSeconds(-1))
        );
    }
}
