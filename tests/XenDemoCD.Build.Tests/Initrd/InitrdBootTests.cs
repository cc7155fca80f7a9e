using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Initrd;

/// <summary>
/// Debian's kernel with our initrd, booted in QEMU (TCG, about 10 s to linuxrc), read over the
/// serial console: a broken CD is explained and gives a shell; a good one is switched into.
/// </summary>
[Collection(InitrdCollection.Name)]
[Trait("Category", "Boot")]
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
        using var qemu = QemuConsole.Boot(
            build.Kernel,
            build.Image,
            iso,
            "rdinit=/linuxrc xendemo.wait=3"
        );

        await qemu.WaitForAsync("(initrd) / #", BootTimeout);
        Assert.Contains("linuxrc: loaded", qemu.Output);
        Assert.Contains("linuxrc: cannot boot the XenDemoCD:", qemu.Output);
        Assert.Contains(
            "did not find a CD labelled 'XENDEMOCD' holding /XenDemoCD/root.tar.gz within 3s",
            qemu.Output
        );
        Assert.Contains(
            "/dev/sr0: ISO 9660 volume 'XENDEMOCD' mounted, but it has no /XenDemoCD/root.tar.gz",
            qemu.Output
        );
        Assert.DoesNotContain("Kernel panic", qemu.Output);

        // The shell works, and leaving it tries again.
        qemu.Type("echo shell-$((6*7))");
        await qemu.WaitForAsync("shell-42", ShellTimeout);
        qemu.Type("exit");
        await qemu.WaitForAsync("linuxrc: trying again", ShellTimeout);
        await qemu.WaitForAsync("Devices tried:", ShellTimeout);
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
        using var qemu = QemuConsole.Boot(
            build.Kernel,
            build.Image,
            iso,
            $"rdinit=/linuxrc {option} toyarg"
        );

        await qemu.WaitForAsync(TestCd.InitDone, BootTimeout);
        var output = qemu.Output;
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
        await qemu.WaitForExitAsync(ShellTimeout);
    }
}
