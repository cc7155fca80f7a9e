using XenDemoCD.Build.Kconfig;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Integration;

/// <summary>
/// Compiles the Xen hypervisor for real from a pinned Debian source (a few minutes; the
/// download and ccache are shared with the repository's cache/), in a copy of the repository's
/// hypervisor/ folder so the fragment can be edited. The source is bookworm's Xen 4.17
/// (<c>xen-4.17-bookworm.source.json</c>): the archive here serves no files of trixie's 4.20.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HypervisorBuildTests : IDisposable
{
    private readonly TempDirectory root = new();

    public HypervisorBuildTests() => PinnedXenCheckout.CreateIn(root);

    public void Dispose() => root.Dispose();

    // Through `env --default-signal=INT`: a test runner started in the background by a
    // non-interactive shell passes SIGINT on ignored, and .NET keeps an ignored SIGINT ignored,
    // so the interrupt below would never reach the build.
    private ProcessRun StartHost(params string[] args) =>
        ProcessRun.Start(
            "env",
            [
                "--default-signal=INT",
                "dotnet",
                Path.Combine(AppContext.BaseDirectory, "XenDemoCD.Build.dll"),
                "--target=Hypervisor",
                "--hypervisor=compiled",
                $"--out={root.Combine("out")}",
                $"--cache={SharedCache.Path}",
                "--source-date-epoch=1700000000",
                .. args,
            ],
            root.Path,
            new Dictionary<string, string> { ["XENDEMOCD_ROOT"] = root.Path }
        );

    private async Task<string> RunHostAsync(params string[] args)
    {
        using var host = StartHost(args);
        var exitCode = await host.WaitAsync(TimeSpan.FromMinutes(20));
        Assert.True(exitCode == 0, $"the build failed with exit code {exitCode}:\n{host.Output}");
        return host.Output;
    }

    [Fact]
    public async Task The_hypervisor_compiles_to_multiboot2_is_up_to_date_on_rerun_and_rebuilds_after_a_fragment_edit_even_after_an_interrupt()
    {
        var image = root.Combine("out", "stages", "Hypervisor", "xen.gz");

        // A fresh build gives a xen.gz that GRUB can boot with multiboot2.
        await RunHostAsync();
        var (isMultiboot2, grubOutput) = await ProcessRun.RunAsync(
            "grub-file",
            ["--is-x86-multiboot2", image],
            root.Path
        );
        Assert.True(isMultiboot2 == 0, $"grub-file says {image} is not multiboot2: {grubOutput}");

        // Nothing changed: both stages are up to date.
        var rerun = await RunHostAsync();
        Assert.Contains("HypervisorSource     ", rerun);
        Assert.Equal(2, CountOf(rerun, "Up to date ("));

        // The fragment changes and the build is interrupted with Ctrl+C during the compile:
        // make stops and nothing that a rerun would take as complete is left behind.
        var fragment = root.Combine("hypervisor", "xen.config");
        File.WriteAllText(
            fragment,
            File.ReadAllText(fragment)
                .Replace(
                    "CONFIG_SERIAL_TX_BUFSIZE=32768",
                    "CONFIG_SERIAL_TX_BUFSIZE=65536",
                    StringComparison.Ordinal
                )
        );
        using (var interrupted = StartHost())
        {
            await interrupted.WaitForOutputAsync("Configuration checked", TimeSpan.FromMinutes(5));
            interrupted.Interrupt();
            var exitCode = await interrupted.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(exitCode != 0, interrupted.Output);
            Assert.Contains("SIGINT: stopping the running tools", interrupted.Output);
            Assert.Contains("Hypervisor: interrupted while running: make", interrupted.Output);
        }
        Assert.Equal(
            "32768",
            KconfigFragment.ReadValues(root.Combine("out", "stages", "Hypervisor", "xen.config"))[
                "CONFIG_SERIAL_TX_BUFSIZE"
            ]
        );

        // The next run sees the changed input and rebuilds; the new option is in the result.
        var rebuilt = await RunHostAsync();
        Assert.Contains("Building: input 'hypervisor/xen.config' changed", rebuilt);
        Assert.Equal(
            "65536",
            KconfigFragment.ReadValues(root.Combine("out", "stages", "Hypervisor", "xen.config"))[
                "CONFIG_SERIAL_TX_BUFSIZE"
            ]
        );
        Assert.Equal(
            0,
            (
                await ProcessRun.RunAsync("grub-file", ["--is-x86-multiboot2", image], root.Path)
            ).ExitCode
        );
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
