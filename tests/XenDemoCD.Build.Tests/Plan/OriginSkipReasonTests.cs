using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Plan;

/// <summary>
/// The kernel and hypervisor stages of the origins not chosen say which setting is in force and
/// what is used instead, under each of the three origins.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class OriginSkipReasonTests : IDisposable
{
    private readonly RepositoryDryRun run = new();

    public void Dispose() => run.Dispose();

    private const string CompiledKernel =
        "--kernel=compiled: the kernel is compiled from source (Kernel)";
    private const string DebianKernel =
        "--kernel=debian: Debian's kernel package is used (DebianKernel)";
    private const string PrebuiltKernel =
        "--kernel=prebuilt: the unpacked CD's kernel in prebuilt/ is used (PrebuiltKernel)";
    private const string CompiledXen =
        "--hypervisor=compiled: Xen is compiled from source (Hypervisor)";
    private const string DebianXen =
        "--hypervisor=debian: Debian's hypervisor package is used (DebianHypervisor)";
    private const string PrebuiltXen =
        "--hypervisor=prebuilt: the unpacked CD's xen.gz in prebuilt/ is used (PrebuiltHypervisor)";

    [Fact]
    public async Task Under_prebuilt_the_skipped_stages_name_prebuilt()
    {
        Assert.Equal(0, await run.RunAsync("--kernel=prebuilt", "--hypervisor=prebuilt"));

        foreach (
            var task in new[]
            {
                "KernelSource",
                "KernelPatch",
                "KernelConfig",
                "Kernel",
                "DebianKernel",
            }
        )
        {
            Assert.Equal(PrebuiltKernel, run.Why(task));
        }
        foreach (var task in new[] { "HypervisorSource", "Hypervisor", "DebianHypervisor" })
        {
            Assert.Equal(PrebuiltXen, run.Why(task));
        }
    }

    [Fact]
    public async Task Under_debian_the_skipped_stages_name_debian()
    {
        Assert.Equal(0, await run.RunAsync("--kernel=debian", "--hypervisor=debian"));

        foreach (
            var task in new[]
            {
                "KernelSource",
                "KernelPatch",
                "KernelConfig",
                "Kernel",
                "PrebuiltKernel",
            }
        )
        {
            Assert.Equal(DebianKernel, run.Why(task));
        }
        foreach (var task in new[] { "HypervisorSource", "Hypervisor", "PrebuiltHypervisor" })
        {
            Assert.Equal(DebianXen, run.Why(task));
        }
    }

    [Fact]
    public async Task Under_compiled_the_skipped_stages_name_compiled()
    {
        Assert.Equal(0, await run.RunAsync("--kernel=compiled", "--hypervisor=compiled"));

        Assert.Equal(CompiledKernel, run.Why("DebianKernel"));
        Assert.Equal(CompiledKernel, run.Why("PrebuiltKernel"));
        Assert.Equal(CompiledXen, run.Why("DebianHypervisor"));
        Assert.Equal(CompiledXen, run.Why("PrebuiltHypervisor"));
    }
}
