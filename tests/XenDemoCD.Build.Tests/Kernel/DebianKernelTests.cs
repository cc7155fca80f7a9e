using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tasks;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Kernel;

/// <summary>
/// <c>--kernel=debian</c> end to end on a kernel-shaped package made by dpkg-deb, placed in the
/// download cache under the name and sum its pin gives (so apt is never asked): the compile
/// stages are skipped with the reason, and KernelImage names a directory with the promised layout.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class DebianKernelTests : IDisposable
{
    private readonly KernelTestBuild build = new();

    public void Dispose() => build.Dispose();

    private string Cache => build.Root.Combine("cache");

    private async Task PinTestPackageAsync()
    {
        var deb = await TestDeb.BuildAsync(build.Root, "xz");
        var pin = new DebianBinaryPin(
            "linux-image-test",
            "1.0-1",
            "amd64",
            "bookworm-test",
            FileDigest.Sha256Of(deb)
        );
        build.Root.Write(
            "xenolinux-patches/debian-kernel.json",
            $$"""
            {
              "package": "{{pin.Package}}",
              "version": "{{pin.Version}}",
              "architecture": "{{pin.Architecture}}",
              "suite": "{{pin.Suite}}",
              "sha256": "{{pin.Sha256}}"
            }
            """
        );
        var cached = Path.Combine(Cache, "downloads", pin.Package, pin.Version, pin.DebFile);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.Copy(deb, cached);
    }

    [Fact]
    public async Task Debians_kernel_is_unpacked_into_the_layout_of_the_compiled_one()
    {
        await PinTestPackageAsync();

        await build.RunSuccessfullyAsync(Cache, "--target=KernelImage", "--kernel=debian");

        var output = build.StageOutput(nameof(DebianKernel));
        Assert.Equal("not really a kernel\n", File.ReadAllText(Path.Combine(output, "vmlinuz")));
        Assert.Equal("CONFIG_XEN=y\n", File.ReadAllText(Path.Combine(output, "config")));
        Assert.True(File.Exists(Path.Combine(output, "System.map")));
        Assert.Equal(TestDeb.Release + "\n", File.ReadAllText(Path.Combine(output, "release")));
        var modules = KernelImage.ModulesOf(output, TestDeb.Release);
        Assert.True(File.Exists(Path.Combine(modules, "kernel/fs/isofs/isofs.ko")));
        Assert.True(File.Exists(Path.Combine(modules, "modules.dep")), "depmod did not run");
        Assert.False(Directory.Exists(Path.Combine(output, "usr")));
        var log = build.Log.Text;
        Assert.Contains("found in the download cache", log);
        Assert.Contains($"Kernel {TestDeb.Release} from DebianKernel", log);
        Assert.Contains("--kernel=debian: Debian's kernel package is used (DebianKernel)", log);
        Assert.False(Directory.Exists(build.StageOutput(nameof(KernelSource))));
    }

    [Fact]
    [Trait("Category", "Integration")] // asks the archive
    public async Task A_cached_package_that_does_not_match_its_pin_is_not_used()
    {
        await PinTestPackageAsync();
        var cached = Directory
            .GetFiles(Path.Combine(Cache, "downloads"), "*.deb", SearchOption.AllDirectories)
            .Single();
        File.AppendAllText(cached, "tampered");

        // The sum differs, so the fetcher goes to apt, which has no such package: the error
        // names the pin file and what to do.
        var exitCode = await build.RunAsync(
            Cache,
            "--target=DebianKernel",
            "--kernel=debian",
            "--exclusive"
        );

        Assert.NotEqual(0, exitCode);
        Assert.Contains("debian-kernel.json", build.Log.Text);
        Assert.Contains("linux-image-test=1.0-1", build.Log.Text);
    }

    [Theory]
    [InlineData("KernelImage", "kernel", "Kernel", "DebianKernel")]
    [InlineData("HypervisorImage", "hypervisor", "Hypervisor", "DebianHypervisor")]
    public async Task The_dry_run_shows_which_stages_each_choice_skips(
        string target,
        string option,
        string compiled,
        string debian
    )
    {
        await build.RunSuccessfullyAsync(
            Cache,
            "--dryrun",
            $"--target={target}",
            $"--{option}=debian"
        );
        var withDebian = build.Log.Text;
        await build.RunSuccessfullyAsync(
            Cache,
            "--dryrun",
            $"--target={target}",
            $"--{option}=compiled"
        );
        var withCompiled = build.Log.Text;

        Assert.Contains($"{compiled, -18} skipped: --{option}=debian", withDebian);
        Assert.Contains($"{debian, -18} would build", withDebian);
        Assert.Contains($"of {debian} (--{option}=debian)", withDebian);
        Assert.Contains($"{debian, -18} skipped: --{option}=compiled", withCompiled);
        Assert.Contains($"of {compiled} (--{option}=compiled)", withCompiled);
    }

    [Fact]
    public async Task An_unknown_choice_is_refused_with_the_valid_ones()
    {
        var exitCode = await build.RunAsync(Cache, "--dryrun", "--kernel=gentoo");

        Assert.NotEqual(0, exitCode);
        // The valid choices are named (others may join 'compiled' and 'debian' later).
        Assert.Contains("Argument '--kernel=gentoo': expected 'compiled'", build.Log.Text);
        Assert.Contains("'debian'", build.Log.Text);
    }
}
