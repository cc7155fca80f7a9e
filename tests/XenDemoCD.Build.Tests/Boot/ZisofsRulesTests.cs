using XenDemoCD.Build.Cd;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>usr-layout/zisofs.conf: what the CD keeps plain, and everything else compressed.</summary>
public sealed class ZisofsRulesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static ZisofsRules RepositoryRules =>
        ZisofsRules.Load(RepositoryRoot.Combine("usr-layout", "zisofs.conf"));

    [Theory]
    [InlineData("/boot/xen.gz")]
    [InlineData("/boot/grub/i386-pc/eltorito.img")]
    [InlineData("/boot/grub/grub.cfg")]
    [InlineData("/EFI/BOOT/BOOTX64.EFI")]
    [InlineData("/XenDemoCD/root.tar.gz")]
    [InlineData("/local/src/downloads/xen/4.20/xen_4.20.orig.tar.xz")]
    [InlineData("/share/doc/bash/changelog.Debian.gz")]
    [InlineData("/lib/modules/6.12.117+deb13-amd64/kernel/fs/isofs/isofs.ko.xz")]
    public void What_grub_and_the_firmware_read_and_what_is_compressed_already_stays_plain(
        string path
    ) => Assert.True(RepositoryRules.IsPlain(path));

    [Theory]
    [InlineData("/bin/bash")]
    [InlineData("/lib/x86_64-linux-gnu/libc.so.6")]
    [InlineData("/XenDemoCD/build/README.md")]
    [InlineData("/lib/modules/6.12.117/kernel/drivers/net/xen-netback/xen-netback.ko")]
    public void Programs_libraries_and_text_are_compressed(string path) =>
        Assert.False(RepositoryRules.IsPlain(path));

    [Fact]
    public void Apply_marks_the_files_to_compress_and_leaves_empty_and_plain_ones()
    {
        var tree = new IsoTree();
        tree.AddFile("/bin/bash", FileContent.FromBytes(new byte[5000]));
        tree.AddFile("/boot/vmlinuz", FileContent.FromBytes(new byte[5000]));
        tree.AddFile("/etc/empty", FileContent.FromBytes([]));

        var (files, bytes) = RepositoryRules.Apply(tree);

        Assert.Equal((1, 5000L), (files, bytes));
        var marked = tree.Walk().OfType<TreeFile>().Where(f => f.Zisofs).Select(f => f.Path);
        Assert.Equal(["/bin/bash"], marked);
    }

    [Fact]
    public void A_plain_line_without_patterns_is_refused_naming_the_line()
    {
        var file = temp.Write("zisofs.conf", "# rules\n\nplain\n");

        var error = Assert.Throws<InputFileException>(() => ZisofsRules.Load(file));

        Assert.Equal((3, "PATTERN"), (error.Line, error.Field));
    }
}
