using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// rootpatch's <c>xendemo-install --onto-existing</c>, run by the host's sh against a stand-in
/// for the CD (<c>XENDEMO_CD</c>) and a prepared target tree; the menu entry it writes is
/// checked by GRUB's own <c>grub-script-check</c>.
/// </summary>
public sealed class InstallerTests : IDisposable
{
    private const string Release = "6.1.0-test";

    private static readonly string Script = RepositoryRoot.Combine(
        "rootpatch/usr/local/sbin/xendemo-install"
    );

    private readonly TempDirectory temp = new();

    public InstallerTests()
    {
        temp.Write("cd/boot/xen.gz", "xen");
        temp.Write("cd/boot/vmlinuz", "linux");
        temp.Write(
            "cd/boot/grub/grub.cfg",
            "menuentry \"Xen\" {\n    multiboot2 /boot/xen.gz dom0_mem=1024M,max:1024M console=com1,vga com1=115200,8n1\n}\n"
        );
        temp.Write($"cd/lib/modules/{Release}/kernel/drivers/net/xen-netback.ko", "module");
        Directory.CreateDirectory(temp.Combine("target", "boot"));
        Directory.CreateDirectory(temp.Combine("target", "etc"));
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Onto_an_existing_Linux_it_copies_Xen_the_kernel_and_modules_and_writes_a_menu_entry_GRUB_accepts()
    {
        temp.Write($"cd/lib/modules/{Release}/modules.builtin", "kernel/fs/ext4/ext4.ko\n");

        var (exitCode, output) = await InstallAsync("--onto-existing", Target, "--root=/dev/vda2");

        Assert.True(exitCode == 0, output);
        Assert.Equal("xen", File.ReadAllText(temp.Combine("target", "boot", "xen-xendemo.gz")));
        Assert.Equal(
            "linux",
            File.ReadAllText(temp.Combine("target", "boot", $"vmlinuz-{Release}"))
        );
        Assert.True(
            File.Exists(
                temp.Combine(
                    "target",
                    "lib",
                    "modules",
                    Release,
                    "kernel",
                    "drivers",
                    "net",
                    "xen-netback.ko"
                )
            )
        );
        Assert.Contains("no initramfs needed", output);

        var dropIn = temp.Combine("target", "etc", "grub.d", "42_xendemo");
        var (dropInExit, entry) = await ProcessRun.RunAsync("sh", [dropIn], temp.Path);
        Assert.True(dropInExit == 0, entry);
        var cfg = temp.Write("entry.cfg", entry);
        var (checkExit, check) = await ProcessRun.RunAsync("grub-script-check", [cfg], temp.Path);
        Assert.True(checkExit == 0, $"grub-script-check: {check}\n{entry}");
        Assert.Contains(
            "multiboot2 /boot/xen-xendemo.gz dom0_mem=1024M,max:1024M console=com1,vga com1=115200,8n1",
            entry
        );
        Assert.Contains($"module2 /boot/vmlinuz-{Release} root=/dev/vda2 ro console=hvc0", entry);
        Assert.DoesNotContain("initrd", entry);
    }

    [Fact]
    public async Task A_kernel_that_needs_an_initramfs_is_refused_untouched_when_the_target_cannot_make_one()
    {
        temp.Write($"cd/lib/modules/{Release}/modules.builtin", "kernel/fs/fat/fat.ko\n");

        var (exitCode, output) = await InstallAsync("--onto-existing", Target, "--root=/dev/vda2");

        Assert.Equal(1, exitCode);
        Assert.Contains("needs an initramfs", output);
        Assert.Contains("install initramfs-tools there", output);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Combine("target", "boot")));
        Assert.False(Directory.Exists(temp.Combine("target", "lib")));
    }

    [Fact]
    public async Task A_directory_that_is_not_an_installed_Linux_is_refused_with_what_is_missing()
    {
        Directory.Delete(temp.Combine("target", "etc"));

        var (exitCode, output) = await InstallAsync("--onto-existing", Target, "--root=/dev/vda2");

        Assert.Equal(1, exitCode);
        Assert.Contains("/etc is missing", output);
    }

    [Fact]
    public async Task The_running_CDs_own_root_is_refused()
    {
        var (exitCode, output) = await InstallAsync("--onto-existing", "/", "--root=/dev/vda2");

        Assert.Equal(1, exitCode);
        Assert.Contains("mount the installed Linux elsewhere", output);
    }

    private string Target => temp.Combine("target");

    private Task<(int ExitCode, string Output)> InstallAsync(params string[] arguments) =>
        ProcessRun.RunAsync(
            "sh",
            [Script, .. arguments],
            temp.Path,
            new Dictionary<string, string> { ["XENDEMO_CD"] = temp.Combine("cd") }
        );
}
