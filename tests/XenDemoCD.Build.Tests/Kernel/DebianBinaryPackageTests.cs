using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Kernel;

/// <summary>The in-process .deb reader (ar + data.tar) against packages dpkg-deb builds.</summary>
public sealed class DebianBinaryPackageTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task The_ar_members_of_a_deb_are_read_in_order_past_odd_sized_padding()
    {
        var deb = await TestDeb.BuildAsync(temp, "gzip");
        using var file = File.OpenRead(deb);

        var members = ArArchive
            .Open(file, deb)
            .Members()
            .Select(m =>
            {
                using var reader = new StreamReader(m.Data);
                return (m.Name, m.Size, Text: m.Name == "debian-binary" ? reader.ReadToEnd() : "");
            })
            .ToList();

        Assert.Equal(
            ["debian-binary", "control.tar.gz", "data.tar.gz"],
            members.Select(m => m.Name)
        );
        Assert.Equal("2.0\n", members[0].Text);
        Assert.Equal(4, members[0].Size);
    }

    [Theory]
    [InlineData("xz")]
    [InlineData("gzip")]
    [InlineData("zstd")]
    [InlineData("none")]
    public async Task Files_symlinks_and_modes_come_out_as_dpkg_would_install_them(
        string compression
    )
    {
        var deb = await TestDeb.BuildAsync(temp, compression);
        var target = temp.Combine("out");

        var written = new DebianBinaryPackage(deb).Extract(target, name => name);

        Assert.True(written >= 10, $"only {written} entries written");
        Assert.Equal(
            "not really a kernel\n",
            File.ReadAllText(Path.Combine(target, $"boot/vmlinuz-{TestDeb.Release}"))
        );
        Assert.Equal(
            "module!",
            File.ReadAllText(
                Path.Combine(target, $"lib/modules/{TestDeb.Release}/kernel/fs/isofs/isofs.ko")
            )
        );
        Assert.Equal("tool", new FileInfo(Path.Combine(target, "usr/bin/tool-link")).LinkTarget);
        Assert.Equal(
            (UnixFileMode)0b111_101_101,
            File.GetUnixFileMode(Path.Combine(target, "usr/bin/tool"))
        );
        Assert.False(File.Exists(Path.Combine(target, "DEBIAN", "control")));
    }

    [Fact]
    public async Task A_mapping_picks_and_renames_entries_and_skips_the_rest()
    {
        var deb = await TestDeb.BuildAsync(temp, "xz");
        var target = temp.Combine("out");

        new DebianBinaryPackage(deb).Extract(
            target,
            name => name == $"boot/vmlinuz-{TestDeb.Release}" ? "vmlinuz" : null
        );

        Assert.Equal(["vmlinuz"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task One_file_can_be_read_and_the_listing_has_every_path()
    {
        var deb = await TestDeb.BuildAsync(temp, "xz");
        var package = new DebianBinaryPackage(deb);

        var config = package.ReadFile(
            $"boot/config-{TestDeb.Release}",
            s => new StreamReader(s).ReadToEnd()
        );
        var names = package.List();

        Assert.Equal("CONFIG_XEN=y\n", config);
        Assert.Contains($"lib/modules/{TestDeb.Release}/kernel/fs/isofs/isofs.ko", names);
        Assert.Contains("usr/bin/tool-link", names);
        var missing = Assert.Throws<InvalidDataException>(() =>
            package.ReadFile("boot/nothing", s => 0)
        );
        Assert.Contains(deb, missing.Message);
    }

    [Fact]
    public async Task A_cut_short_deb_is_refused_naming_the_file()
    {
        var deb = await TestDeb.BuildAsync(temp, "xz");
        var cut = temp.Combine("cut.deb");
        File.WriteAllBytes(cut, File.ReadAllBytes(deb)[..200]);

        var error = Assert.Throws<InvalidDataException>(() =>
            new DebianBinaryPackage(cut).Extract(temp.Combine("out"), n => n)
        );

        Assert.StartsWith($"{cut}: damaged ar archive", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_an_ar_archive_is_refused_naming_the_file()
    {
        var notDeb = temp.Write("page.deb", "<html>404</html>");

        var error = Assert.Throws<InvalidDataException>(() =>
            new DebianBinaryPackage(notDeb).List()
        );

        Assert.StartsWith($"{notDeb}: not an ar archive", error.Message);
    }
}
