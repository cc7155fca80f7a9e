using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// <c>xendemo-install --disk</c> refusing what it must not erase, run by the host's sh against a
/// stand-in CD and real block devices (loop devices over image files, so root is needed). Every
/// refusal leaves the image's bytes as they were. A disk named by a /dev/disk/by-id-style link is
/// checked as the disk it names. An install whose copy of the CD fails stops there instead of
/// going on to "done" (run on a real loop disk with stand-ins for the tools this host lacks).
/// The install itself is proven in QEMU by the boot test's install case.
/// </summary>
public sealed class DiskInstallerRefusalTests : IDisposable
{
    private static readonly string Script = RepositoryRoot.Combine(
        "rootpatch/usr/local/sbin/xendemo-install"
    );

    private readonly TempDirectory temp = new();
    private readonly List<string> loopDevices = [];
    private readonly List<string> swaps = [];
    private readonly List<string> mounts = [];

    public DiskInstallerRefusalTests()
    {
        temp.Write("cd/XenDemoCD/root.tar.gz", "root");
        temp.Write("cd/boot/grub/grub.cfg", "menuentry \"Xen\" {\n}\n");
        temp.Write("password", "x\n");
    }

    private string PasswordFile => "--root-password-file=" + temp.Combine("password");

    public void Dispose()
    {
        foreach (var mount in mounts)
        {
            ProcessRun.RunAsync("umount", [mount], temp.Path).GetAwaiter().GetResult();
        }
        foreach (var swap in swaps)
        {
            ProcessRun.RunAsync("swapoff", [swap], temp.Path).GetAwaiter().GetResult();
        }
        foreach (var device in loopDevices)
        {
            ProcessRun.RunAsync("losetup", ["-d", device], temp.Path).GetAwaiter().GetResult();
        }
        temp.Dispose();
    }

    [Fact]
    public async Task A_file_that_is_not_a_block_device_is_refused()
    {
        var file = temp.Write("not-a-disk", "data");

        var (exitCode, output) = await InstallAsync("--disk", file, "--yes", PasswordFile);

        Assert.Equal(1, exitCode);
        Assert.Contains("is not a block device", output);
        Assert.Equal("data", File.ReadAllText(file));
    }

    [Fact]
    public async Task Disk_and_onto_existing_together_are_refused()
    {
        var (exitCode, output) = await InstallAsync(
            "--disk",
            "/dev/null",
            "--onto-existing",
            "/mnt"
        );

        Assert.Equal(1, exitCode);
        Assert.Contains("exclude each other", output);
    }

    [Fact]
    public async Task A_disk_too_small_for_the_CD_is_refused_and_left_unwritten()
    {
        var (device, image) = await AttachImageAsync(16);

        var (exitCode, output) = await InstallAsync("--disk", device, "--yes", PasswordFile);

        Assert.Equal(1, exitCode);
        Assert.Matches(
            @"holds 16 MiB; installing the CD needs at least \d+ MiB; nothing was written",
            output
        );
        AssertUnwritten(image);
    }

    [Fact]
    public async Task Without_yes_and_without_a_terminal_to_confirm_on_nothing_is_erased()
    {
        var (device, image) = await AttachImageAsync(256);

        var (exitCode, output) = await InstallAsync("--disk", device, PasswordFile);

        Assert.Equal(1, exitCode);
        Assert.Contains("without a terminal to confirm on: add --yes", output);
        AssertUnwritten(image);
    }

    [Fact]
    public async Task A_partition_is_refused_with_the_advice_to_name_the_whole_disk()
    {
        var (device, image) = await AttachImageAsync(256);
        var (sfdiskExit, sfdisk) = await ProcessRun.RunAsync(
            "sh",
            ["-c", $"echo 'type=83' | sfdisk --quiet --label dos {device} && partx -u {device}"],
            temp.Path
        );
        Assert.True(sfdiskExit == 0, sfdisk);
        var partition = device + "p1";
        for (var i = 0; i < 50 && !File.Exists(partition); i++)
        {
            await Task.Delay(100);
        }

        var (exitCode, output) = await InstallAsync("--disk", partition, "--yes", PasswordFile);

        Assert.Equal(1, exitCode);
        Assert.Contains("is a part, not a whole disk", output);
        AssertUnwritten(image, from: 512);
    }

    [Fact]
    public async Task A_password_on_the_command_line_is_refused_with_the_options_to_use_instead()
    {
        var (exitCode, output) = await InstallAsync(
            "--disk",
            "/dev/null",
            "--yes",
            "--root-password=s3cret"
        );

        Assert.Equal(1, exitCode);
        Assert.Contains("would show the password to every user", output);
        Assert.Contains("--root-password-stdin", output);
        Assert.Contains("--root-password-file=FILE", output);
    }

    [Fact]
    public async Task A_password_file_that_cannot_be_read_is_refused_before_the_disk_is_looked_at()
    {
        var file = temp.Write("not-a-disk", "data");

        var (exitCode, output) = await InstallAsync(
            "--disk",
            file,
            "--yes",
            "--root-password-file=" + temp.Combine("missing")
        );

        Assert.Equal(1, exitCode);
        Assert.Contains("--root-password-file: cannot read", output);
    }

    [Fact]
    public async Task An_empty_password_on_standard_input_is_refused_and_nothing_is_erased()
    {
        var (device, image) = await AttachImageAsync(256);

        // ProcessRun closes standard input at once: an empty one.
        var (exitCode, output) = await InstallAsync(
            "--disk",
            device,
            "--yes",
            "--root-password-stdin"
        );

        Assert.Equal(1, exitCode);
        Assert.Contains("the root password is empty; nothing was written", output);
        AssertUnwritten(image);
    }

    [Fact]
    public async Task A_by_id_link_to_a_disk_holding_active_swap_is_refused()
    {
        var (device, _) = await AttachImageAsync(1);
        await RunAsync("mkswap", device);
        await RunAsync("swapon", device);
        swaps.Add(device);

        var (exitCode, output) = await InstallAsync(
            "--disk",
            ByIdLink(device),
            "--yes",
            PasswordFile
        );

        Assert.Equal(1, exitCode);
        Assert.Contains($"{device} holds active swap ({device}): swapoff it first", output);
    }

    [Fact]
    public async Task A_by_id_link_to_a_disk_held_by_LVM_or_RAID_is_refused_and_left_unwritten()
    {
        var (device, image) = await AttachImageAsync(16);
        // A holder needs device-mapper or md, which a test host may lack: sysfs is faked.
        var name = Path.GetFileName(device);
        Directory.CreateDirectory(temp.Combine("sys", "class", "block", name, "holders", "dm-0"));

        var (exitCode, output) = await InstallAsync(
            new Dictionary<string, string> { ["XENDEMO_SYS"] = temp.Combine("sys") },
            "--disk",
            ByIdLink(device),
            "--yes",
            PasswordFile
        );

        Assert.Equal(1, exitCode);
        Assert.Contains($"{device} is in use by dm-0 (LVM, RAID or dm)", output);
        AssertUnwritten(image);
    }

    [Fact]
    public async Task A_by_id_link_to_a_mounted_disk_is_refused()
    {
        var (device, _) = await AttachImageAsync(16);
        await RunAsync("mkfs.ext4", "-q", device);
        var mountpoint = Directory.CreateDirectory(temp.Combine("mnt")).FullName;
        await RunAsync("mount", device, mountpoint);
        mounts.Add(mountpoint);
        var before = await File.ReadAllBytesAsync(temp.Combine("disk-0.img"));

        var (exitCode, output) = await InstallAsync(
            "--disk",
            ByIdLink(device),
            "--yes",
            PasswordFile
        );

        Assert.Equal(1, exitCode);
        Assert.Contains($"{device} is in use ({device} on {mountpoint})", output);
        Assert.Equal(before, await File.ReadAllBytesAsync(temp.Combine("disk-0.img")));
    }

    [Fact]
    public async Task A_failing_read_of_the_CD_fails_the_install_instead_of_ending_in_done()
    {
        var (device, _) = await AttachImageAsync(128);
        await MakeRootArchiveAsync();
        temp.Write("cd/bin/tool", "tool");
        var log = temp.Path;
        // tar fails on the reading side only, after writing what it could: a scratched CD.
        FakeTool.Create(
            temp,
            "tar",
            """
            case " $* " in *" -cf "*)
                /bin/tar "$@"
                echo "tar: ./bin/tool: Cannot read: Input/output error" >&2
                exit 2 ;;
            esac
            exec /bin/tar "$@"
            """
        );
        // Stand-ins for what this host may lack (vfat, GRUB's images, PAM in a bare root), so
        // that without the pipe check the install would run on to "done".
        FakeTool.Create(
            temp,
            "mount",
            """case "$*" in *boot/efi) exit 0 ;; esac; exec /bin/mount "$@" """
        );
        FakeTool.Create(
            temp,
            "grub-install",
            """
            for a in "$@"; do case "$a" in --efi-directory=*)
                mkdir -p "${a#*=}/EFI/BOOT" && touch "${a#*=}/EFI/BOOT/BOOTX64.EFI" ;;
            esac; done
            """
        );
        FakeTool.Create(temp, "chpasswd", $"cat > '{log}/chpasswd.in'");

        var (exitCode, output) = await InstallAsync(
            new Dictionary<string, string>
            {
                ["PATH"] = $"{temp.Combine("bin")}:/usr/sbin:/usr/bin:/sbin:/bin",
            },
            "--disk",
            device,
            "--yes",
            PasswordFile
        );

        Assert.True(exitCode == 1, output);
        Assert.Contains($"reading {temp.Combine("cd")} failed (tar exit 2)", output);
        Assert.DoesNotContain("done", output);
        Assert.DoesNotContain("installing GRUB", output);
    }

    /// <summary>A link such as /dev/disk/by-id/ata-… to <paramref name="device"/>.</summary>
    private string ByIdLink(string device)
    {
        var link = temp.Combine("by-id", "ata-QEMU_HARDDISK_QM00001");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, device);
        return link;
    }

    /// <summary>root.tar.gz with the /etc the install writes into.</summary>
    private async Task MakeRootArchiveAsync()
    {
        temp.Write("root/etc/hostname", "xendemo\n");
        await RunAsync(
            "/bin/tar",
            "-czf",
            temp.Combine("cd/XenDemoCD/root.tar.gz"),
            "-C",
            temp.Combine("root"),
            "."
        );
    }

    private async Task RunAsync(string program, params string[] arguments)
    {
        var (exitCode, output) = await ProcessRun.RunAsync(program, arguments, temp.Path);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)}: {output}");
    }

    /// <summary>What every byte of a fresh image holds, so any write shows.</summary>
    private const byte Filler = 0xA5;

    private async Task<(string Device, string Image)> AttachImageAsync(int mebibytes)
    {
        var image = temp.Combine($"disk-{loopDevices.Count}.img");
        var bytes = new byte[mebibytes << 20];
        Array.Fill(bytes, Filler);
        await File.WriteAllBytesAsync(image, bytes);
        var (exitCode, output) = await ProcessRun.RunAsync(
            "losetup",
            ["--find", "--show", "--partscan", image],
            temp.Path
        );
        Assert.True(exitCode == 0, $"losetup (these tests need root and loop devices): {output}");
        var device = output.Trim();
        loopDevices.Add(device);
        return (device, image);
    }

    /// <summary>Every byte from <paramref name="from"/> on (past a partition table) is still filler.</summary>
    private static void AssertUnwritten(string image, int from = 0) =>
        Assert.True(
            File.ReadAllBytes(image).Skip(from).All(b => b == Filler),
            $"{image} was written to"
        );

    private Task<(int ExitCode, string Output)> InstallAsync(params string[] arguments) =>
        InstallAsync(new Dictionary<string, string>(), arguments);

    private Task<(int ExitCode, string Output)> InstallAsync(
        Dictionary<string, string> environment,
        params string[] arguments
    )
    {
        environment["XENDEMO_CD"] = temp.Combine("cd");
        environment["XENDEMO_LIB"] = RepositoryRoot.Combine("rootpatch/usr/local/lib/xendemo");
        return ProcessRun.RunAsync("sh", [Script, .. arguments], temp.Path, environment);
    }
}
