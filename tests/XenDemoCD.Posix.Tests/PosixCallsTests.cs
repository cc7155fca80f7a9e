using System.Runtime.Versioning;

namespace XenDemoCD.Posix.Tests;

/// <summary>
/// statx's fields read at the offsets of StatxLayout agree with what the BCL says about the same
/// files, and each call does what its name says, on this Linux host.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PosixCallsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("posix-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string In(string name) => Path.Combine(directory, name);

    [Fact]
    public void Lstat_reads_size_mode_times_and_links_where_the_bcl_sees_them()
    {
        var file = In("a");
        File.WriteAllBytes(file, new byte[12345]);
        File.SetUnixFileMode(file, (UnixFileMode)0b111_101_000 | UnixFileMode.SetGroup);
        File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));

        PosixCalls.Link(file, In("b"));
        var a = PosixCalls.LStat(file);
        var b = PosixCalls.LStat(In("b"));

        Assert.Equal(12345, a.Size);
        Assert.Equal(0x8000u, a.TypeBits);
        Assert.Equal((UnixFileMode)0b111_101_000 | UnixFileMode.SetGroup, a.Permissions);
        Assert.Equal(
            new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero).ToUnixTimeSeconds(),
            a.ModificationTime
        );
        Assert.Equal(2u, a.LinkCount);
        Assert.Equal(a.Inode, b.Inode);
        Assert.Equal(a.Device, PosixCalls.LStat(directory).Device);
        Assert.NotEqual(0ul, a.Inode);
    }

    [Fact]
    public void Lstat_and_set_times_do_not_follow_a_symlink()
    {
        File.WriteAllText(In("target"), "x");
        File.CreateSymbolicLink(In("link"), "target");

        PosixCalls.SetTimes(In("link"), 1000, 2000);

        var link = PosixCalls.LStat(In("link"));
        Assert.Equal(0xA000u, link.TypeBits);
        Assert.Equal(2000, link.ModificationTime);
        Assert.Equal(1000, link.AccessTime);
        Assert.NotEqual(2000, PosixCalls.LStat(In("target")).ModificationTime);
    }

    [Fact]
    public void A_character_device_reads_back_with_its_major_and_minor()
    {
        // /dev/null is 1:3 on every Linux.
        var dev = PosixCalls.LStat("/dev/null");

        Assert.Equal(0x2000u, dev.TypeBits);
        Assert.Equal((1u, 3u), (dev.RdevMajor, dev.RdevMinor));
        Assert.Equal((1u, 3u), DeviceNumber.Decode(DeviceNumber.Encode(1, 3)));
    }

    [Fact]
    public void Rename_replaces_an_empty_directory_in_one_step()
    {
        Directory.CreateDirectory(In("new"));
        File.WriteAllText(Path.Combine(In("new"), "f"), "data");
        Directory.CreateDirectory(In("old"));

        PosixCalls.Rename(In("new"), In("old"));

        Assert.Equal("data", File.ReadAllText(Path.Combine(In("old"), "f")));
        Assert.False(Directory.Exists(In("new")));
    }

    [Fact]
    public void A_failed_call_names_the_call_the_path_and_the_reason()
    {
        var error = Assert.Throws<IOException>(() => PosixCalls.LStat(In("missing")));

        Assert.Contains("statx", error.Message);
        Assert.Contains(In("missing"), error.Message);
        Assert.Contains("No such file or directory", error.Message);
    }

    [Fact]
    public void Sync_flushes_a_file_and_a_directory_leaves_a_fifo_alone_and_names_a_missing_path()
    {
        File.WriteAllText(In("data"), "x");
        var fifo = In("fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        PosixCalls.Sync(In("data"));
        PosixCalls.Sync(directory);
        PosixCalls.Sync(fifo);
        var missing = Assert.Throws<IOException>(() => PosixCalls.Sync(In("gone")));

        Assert.Contains(In("gone"), missing.Message);
        Assert.Contains("errno 2", missing.Message);
    }
}
