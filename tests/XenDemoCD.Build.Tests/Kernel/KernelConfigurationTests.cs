using XenDemoCD.Build.Kconfig;
using XenDemoCD.Build.Tasks;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Kernel;

/// <summary>
/// The configuration step on the real source: download (the repository's cache/, so once),
/// unpack, patch, x86_64_defconfig + xen.config + xenolinux.config merged, olddefconfig. No
/// compile: a couple of minutes, most of it unpacking 1.4 GB in-process.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Integration")]
public sealed class KernelConfigurationTests : IClassFixture<KernelConfigurationFixture>
{
    /// <summary>
    /// What the issue asks to be built in, written out here rather than read from the fragment,
    /// so that dropping a line from the fragment fails this test.
    /// </summary>
    public static readonly TheoryData<string, string> BuiltIn = new()
    {
        { "CONFIG_SATA_AHCI", "ATA: AHCI" },
        { "CONFIG_ATA_PIIX", "ATA: PIIX" },
        { "CONFIG_BLK_DEV_SR", "SCSI CD (sr)" },
        { "CONFIG_BLK_DEV_SD", "SCSI disks (USB sticks)" },
        { "CONFIG_USB_STORAGE", "USB storage" },
        { "CONFIG_USB_UAS", "USB attached SCSI" },
        { "CONFIG_USB_XHCI_HCD", "xHCI" },
        { "CONFIG_USB_XHCI_PCI", "xHCI on PCI" },
        { "CONFIG_USB_EHCI_HCD", "EHCI" },
        { "CONFIG_USB_EHCI_PCI", "EHCI on PCI" },
        { "CONFIG_VIRTIO_PCI", "virtio pci" },
        { "CONFIG_VIRTIO_BLK", "virtio blk" },
        { "CONFIG_SCSI_VIRTIO", "virtio scsi" },
        { "CONFIG_VIRTIO_NET", "virtio net" },
        { "CONFIG_BLK_DEV_NVME", "NVMe" },
        { "CONFIG_ISO9660_FS", "iso9660 (Rock Ridge is part of it)" },
        { "CONFIG_JOLIET", "Joliet" },
        { "CONFIG_ZISOFS", "zisofs" },
        { "CONFIG_TMPFS", "tmpfs" },
        { "CONFIG_DEVTMPFS", "devtmpfs" },
        { "CONFIG_DEVTMPFS_MOUNT", "devtmpfs mounted for the initrd" },
        { "CONFIG_BLK_DEV_LOOP", "loop" },
        { "CONFIG_SQUASHFS", "squashfs" },
        { "CONFIG_OVERLAY_FS", "overlayfs" },
        { "CONFIG_BLK_DEV_INITRD", "initramfs" },
        { "CONFIG_RD_GZIP", "initramfs gzip" },
        { "CONFIG_XEN", "Xen guest" },
        { "CONFIG_XEN_PV", "Xen PV" },
        { "CONFIG_XEN_DOM0", "Xen dom0" },
        { "CONFIG_XEN_PVHVM_GUEST", "Xen PVHVM guest" },
        { "CONFIG_XEN_PVH", "Xen PVH guest" },
        { "CONFIG_HVC_XEN", "Xen PV console" },
        { "CONFIG_XEN_BLKDEV_FRONTEND", "Xen block frontend" },
        { "CONFIG_XEN_NETDEV_FRONTEND", "Xen net frontend (xen-netfront)" },
        { "CONFIG_XEN_BLKDEV_BACKEND", "Xen block backend" },
        { "CONFIG_XEN_NETDEV_BACKEND", "Xen net backend" },
        { "CONFIG_XEN_DEV_EVTCHN", "Xen event channels for xl" },
        { "CONFIG_XEN_GNTDEV", "Xen grant device for xl" },
        { "CONFIG_XENFS", "xenfs for xl" },
        { "CONFIG_XEN_PRIVCMD", "privcmd for xl" },
        { "CONFIG_SERIAL_8250", "8250 serial" },
        { "CONFIG_SERIAL_8250_CONSOLE", "8250 serial console" },
        { "CONFIG_VGA_CONSOLE", "VGA console" },
        { "CONFIG_FRAMEBUFFER_CONSOLE", "framebuffer console" },
        { "CONFIG_E1000", "e1000" },
        { "CONFIG_E1000E", "e1000e" },
        { "CONFIG_IGB", "igb" },
        { "CONFIG_R8169", "r8169" },
        { "CONFIG_TIGON3", "tg3" },
    };

    private readonly KernelConfigurationFixture configured;

    public KernelConfigurationTests(KernelConfigurationFixture configured) =>
        this.configured = configured;

    [Theory]
    [MemberData(nameof(BuiltIn))]
    public void What_the_CD_needs_before_userspace_is_built_in(string option, string what)
    {
        var config = configured.FinalConfig;

        Assert.True(
            config.GetValueOrDefault(option) == "y",
            $"{option} ({what}) should be =y, the final .config has {(config.TryGetValue(option, out var v) ? v : "it unset")}"
        );
    }

    [Fact]
    public async Task An_option_Kconfig_drops_fails_the_configuration_naming_it_and_only_it_reruns()
    {
        var fragment = configured.Build.Root.Combine("xenolinux-patches", "xenolinux.config");
        File.AppendAllText(
            fragment,
            "# a driver this kernel does not have\nCONFIG_XENDEMOCD_NO_SUCH_DRIVER=y\n"
        );

        var exitCode = await configured.Build.RunAsync(SharedCache.Path, "--target=KernelConfig");

        var log = configured.Build.Log.Text;
        Assert.NotEqual(0, exitCode);
        Assert.Contains("1 option(s) did not survive olddefconfig", log);
        Assert.Contains("CONFIG_XENDEMOCD_NO_SUCH_DRIVER=y was asked", log);
        Assert.Contains("input 'xenolinux-patches/xenolinux.config' changed", log);
        Assert.Equal(2, log.Split("Up to date (").Length - 1);
    }
}

/// <summary>One configuration run on the real source, shared by the tests of the class.</summary>
public sealed class KernelConfigurationFixture : IAsyncLifetime
{
    public KernelTestBuild Build { get; } = new();

    public Dictionary<string, string> FinalConfig { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Build.CopyRepositoryPatches();
        await Build.RunSuccessfullyAsync(SharedCache.Path, "--target=KernelConfig");
        Assert.Contains("Configuration checked: all", Build.Log.Text);
        FinalConfig = KconfigFragment.ReadValues(
            Path.Combine(Build.StageOutput(nameof(KernelConfig)), KernelConfig.ConfigFile)
        );
    }

    public Task DisposeAsync()
    {
        Build.Dispose();
        return Task.CompletedTask;
    }
}
