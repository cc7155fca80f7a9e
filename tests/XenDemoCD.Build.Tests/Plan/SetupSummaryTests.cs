using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Plan;

/// <summary>The one-screen summary before any work names what defines the build.</summary>
[Collection(SerialCollection.Name)]
public sealed class SetupSummaryTests : IDisposable
{
    private readonly RepositoryDryRun run = new();

    public void Dispose() => run.Dispose();

    [Fact]
    public async Task The_summary_names_origins_version_builder_and_sources()
    {
        Assert.Equal(
            0,
            await run.RunAsync(
                "--kernel=debian",
                "--hypervisor=compiled",
                "--version-id=v9-test",
                "--builder=Keir",
                "--with-sources"
            )
        );

        Assert.Contains(
            "Kernel debian, hypervisor compiled; version v9-test, builder Keir; with sources",
            run.Log.Lines
        );
        Assert.DoesNotContain(
            run.Log.Lines,
            l => l.StartsWith("Boot cases", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_release_says_so_and_boot_cases_are_named_when_the_plan_boots()
    {
        Assert.Equal(
            0,
            await run.RunAsync(
                "--target=BootTest",
                "--release",
                "--version-id=v9",
                "--builder=Keir",
                "--boot-cases=bios-cd,guest"
            )
        );

        Assert.Contains(
            "Kernel compiled, hypervisor compiled; version v9, builder Keir; release (with sources)",
            run.Log.Lines
        );
        Assert.Contains("Boot cases: bios-cd, guest", run.Log.Lines);
    }

    [Fact]
    public async Task Without_sources_the_summary_says_so()
    {
        Assert.Equal(0, await run.RunAsync("--version-id=v9", "--builder=Keir"));

        Assert.Contains(
            "Kernel compiled, hypervisor debian; version v9, builder Keir; without sources",
            run.Log.Lines
        );
    }
}
