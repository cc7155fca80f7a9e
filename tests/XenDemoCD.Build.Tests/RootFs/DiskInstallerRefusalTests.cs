using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// <c>xendemo-install --disk</c> refusing what it must not erase, run by the host's sh against a
/// stand-in CD and real block devices (loop devices over image files, so root is needed). Every
/// refusal leaves the image's bytes as they were. The install itself is proven in QEMU by the
/// boot test's install case.
/// </summary>
public sealed class DiskInstallerRefusalTests : IDisposable
{
    private static readonly string Script = RepositoryRoot.Combine(
        "rootpatch/usr/local/sbin/xendemo-install"
    );

    private readonly TempDirectory temp = new();
    private readonly List<string> loopDevices = [];

    public DiskInstallerRefusalTests()
    {
        temp.Write("cd/XenDemoCD/root.tar.gz", "root");
        temp.Write("cd/boot/grub/grub.cfg", "menuentry \"Xen\" {\n}\n");
        temp.Write("password", "x\n");
    }

    private string PasswordFile => "--root-password-file=" + temp.Combine("password");

    public void Dispose()
    {
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
        ProcessRun.RunAsync(
            "sh",
            [Script, .. arguments],
            temp.Path,
            new Dictionary<string, string>
            {
                ["XENDEMO_CD"] = temp.Combine("cd"),
                ["XENDEMO_LIB"] = RepositoryRoot.Combine("rootpatch/usr/local/lib/xendemo"),
            }
        );
}
