using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Unpacking;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Tests.Unpack;

/// <summary>The CD as a directory of files (a mount point's view) and as a block device.</summary>
public sealed class SourceKindsTests : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public void A_directory_holding_the_CD_s_files_unpacks_with_lstat_s_metadata()
    {
        var files = work.Combine("mounted");
        using (var image = IsoImage.Open(FakeCd.Build(work)))
        {
            IsoExtractor.Extract(
                image,
                files,
                new ExtractOptions { RestoreOwners = UnixCalls.IsRoot }
            );
        }
        var into = work.Combine("unpacked");

        var result = Unpacker.Unpack(files, into, restoreOwners: false);

        Assert.False(result.Exact);
        Assert.Equal("xen image", File.ReadAllText(Path.Combine(into, "prebuilt", "xen.gz")));
        var table = RootMetadataTable.Read(Path.Combine(into, RootMetadataTable.FileName));
        Assert.Equal("4755", table["usr/bin/su"].Mode);
        Assert.Equal("/usr/root/etc/ssh/moduli", table["etc/ssh/moduli"].Link);
        if (UnixCalls.IsRoot)
        {
            Assert.Equal(
                (1000, 1000),
                (table["usr/share/doc/big.txt"].Uid, table["usr/share/doc/big.txt"].Gid)
            );
        }
    }

    [Fact]
    public async Task A_loop_device_is_read_as_the_image_itself()
    {
        if (!UnixCalls.IsRoot || !File.Exists("/usr/sbin/losetup"))
        {
            return; // needs root to attach a loop device
        }
        var iso = FakeCd.Build(work);
        var (attached, device) = await ProcessRun.RunAsync(
            "losetup",
            ["--find", "--show", "--read-only", iso],
            work.Path
        );
        if (attached != 0)
        {
            return; // no loop devices in this container
        }
        device = device.Trim();
        try
        {
            var result = Unpacker.Unpack(device, work.Combine("unpacked"), restoreOwners: false);
            Assert.True(result.Exact);
            Assert.Contains(device, result.Source, StringComparison.Ordinal);
            Assert.Equal(
                "linux image",
                File.ReadAllText(work.Combine("unpacked", "prebuilt", "vmlinuz"))
            );
        }
        finally
        {
            await ProcessRun.RunAsync("losetup", ["--detach", device], work.Path);
        }
    }
}
