using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Initrd;

/// <summary>
/// Debian's kernel with our initrd, booted in QEMU (TCG, about 10 s to linuxrc), read over the
/// serial console: a broken CD is explained and gives a shell; a good one is switched into.
/// </summary>
[Collection(InitrdCollection.Name)]
[Trait("Category", "Integration")]
public sealed class InitrdBootTests(InitrdBuild build) : IDisposable
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromMinutes(3);

    // QEMU runs under TCG while other test projects compete for the two cores: these are
    // guards against a hang, not speed checks.
    private static readonly TimeSpan ShellTimeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task A_CD_without_root_tar_gz_is_explained_and_gives_a_shell_that_retries_when_left()
    {
        var iso = scratch.Combine("broken.iso");
        TestCd.WriteBroken(iso);
        await using var qemu = Machine(iso, "rdinit=/linuxrc xendemo.wait=3").StartIn(scratch);

        await qemu.WaitForOrFailAsync("(initrd) / #", BootTimeout);
        Assert.Contains("linuxrc: loaded", qemu.Printed);
        Assert.Contains("linuxrc: cannot boot the XenDemoCD:", qemu.Printed);
        Assert.Contains(
            "did not find a CD labelled 'XENDEMOCD' holding /XenDemoCD/root.tar.gz within 3s",
            qemu.Printed
        );
        Assert.Contains(
            "/dev/sr0: ISO 9660 volume 'XENDEMOCD' mounted, but it has no /XenDemoCD/root.tar.gz",
            qemu.Printed
        );
        Assert.DoesNotContain("Kernel panic", qemu.Printed);

        // The shell works, and leaving it tries again.
        qemu.Type("echo shell-$((6*7))\n");
        await qemu.WaitForOrFailAsync("shell-42", ShellTimeout);
        qemu.Type("exit\n");
        await qemu.WaitForOrFailAsync("linuxrc: trying again", ShellTimeout);
        await qemu.WaitForOrFailAsync("Devices tried:", ShellTimeout);
    }

    [Theory]
    [InlineData("", "iso9660")]
    [InlineData("xendemo.toram", "tmpfs")]
    public async Task A_good_CD_is_found_its_root_unpacked_into_RAM_and_init_started_with_the_kernel_arguments(
        string option,
        string usrType
    )
    {
        var iso = scratch.Combine("good.iso");
        TestCd.WriteBootable(iso, build.Busybox);
        await using var qemu = Machine(iso, $"rdinit=/linuxrc {option} toyarg").StartIn(scratch);

        await qemu.WaitForOrFailAsync(TestCd.InitDone, BootTimeout);
        var output = qemu.Printed;
        Assert.Contains(
            "linuxrc: found the CD: /dev/sr0: ISO 9660 volume 'XENDEMOCD' with /XenDemoCD/root.tar.gz",
            output
        );
        Assert.Contains("TOY-INIT-ARGS: toyarg (pid 1)", output);
        Assert.Matches(@"TOY-MOUNT: tmpfs / tmpfs rw", output);
        Assert.Matches($@"TOY-MOUNT: \S+ /usr {usrType} ro", output);
        Assert.Matches(@"TOY-MOUNT: \S+ /proc proc", output);
        Assert.Matches(@"TOY-MOUNT: \S+ /dev devtmpfs", output);
        // The initramfs is gone: only the unpacked root is there.
        Assert.Matches(@"TOY-ROOT: bin dev etc proc sbin sys tmp usr\s", output);
        if (option == "xendemo.toram")
        {
            Assert.Contains("the disc (/dev/sr0) can be removed", output);
        }
        await qemu.WaitForPowerOffOrFailAsync(ShellTimeout);
    }

    [Fact]
    public async Task An_installed_root_named_by_xendemo_root_is_mounted_read_only_and_switched_into_without_a_CD()
    {
        const string uuid = "5e4d1c2b-0a9f-4e8d-b7c6-a5f4e3d2c1b0";
        var root = scratch.Combine("disk-root");
        Directory.CreateDirectory(Path.Combine(root, "bin"));
        Directory.CreateDirectory(Path.Combine(root, "sbin"));
        foreach (var directory in new[] { "dev", "proc", "sys", "usr" })
        {
            Directory.CreateDirectory(Path.Combine(root, directory));
        }
        File.Copy(build.Busybox, Path.Combine(root, "bin", "busybox"));
        File.CreateSymbolicLink(Path.Combine(root, "bin", "sh"), "busybox");
        File.WriteAllBytes(Path.Combine(root, "sbin", "init"), TestCd.ToyInit);
        File.SetUnixFileMode(Path.Combine(root, "sbin", "init"), (UnixFileMode)0b111_101_101);
        var disk = scratch.Combine("disk.img");
        var (exitCode, mkfs) = await ProcessRun.RunAsync(
            "mkfs.ext4",
            ["-q", "-F", "-U", uuid, "-d", root, disk, "32M"],
            scratch.Path
        );
        Assert.True(exitCode == 0, $"mkfs.ext4 (e2fsprogs): {mkfs}");

        await using var qemu = (
            Machine(iso: null, $"rdinit=/linuxrc xendemo.root=UUID={uuid}") with
            {
                HardDisk = disk,
            }
        ).StartIn(scratch);

        await qemu.WaitForOrFailAsync(TestCd.InitDone, BootTimeout);
        var output = qemu.Printed;
        Assert.Contains("booting the system installed on disk", output);
        Assert.Contains($"mounted /dev/vda (UUID={uuid}) read-only", output);
        Assert.Matches(@"TOY-MOUNT: /dev/vda / ext4 ro", output);
        Assert.DoesNotContain("looking for a CD", output);
        Assert.Matches(@"TOY-ROOT: bin dev lost\+found proc sbin sys usr\s", output);
        await qemu.WaitForPowerOffOrFailAsync(ShellTimeout);
    }

    /// <summary>
    /// Debian's kernel and the initrd under test, loaded by QEMU; the ISO (when given) in the
    /// CD drive; a disk goes on virtio, where the kernel finds it without an AHCI module. One
    /// CPU: under TCG a second one can run code the first has just patched and trap on an int3
    /// already gone (a panic in CI, 2026-12-03; see BootCheck.RunAsync), and linuxrc needs none.
    /// </summary>
    private QemuMachine Machine(string? iso, string commandLine) =>
        new(iso ?? "", Firmware.Bios, iso is null ? BootMedia.None : BootMedia.Cd, 512, [])
        {
            Kernel = DirectKernel.Linux(build.Kernel, build.Image, $"console=ttyS0 {commandLine}"),
            DiskBus = DiskBus.Virtio,
            Cpus = 1,
        };
}
