using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Reproducibility;

/// <summary>
/// Issue 9: the same inputs give the same bytes, whatever the directory, the clock, the user's
/// environment and the host name; and a build killed anywhere resumes to those same bytes.
/// The reference CD is also the integration tier's CD made with Debian's kernel and Xen
/// (<c>--kernel=debian</c>), and one test boots it: CI's boot cases run on the compiled kernel.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ReproducibilityTests(ReferenceBuild reference) : IClassFixture<ReferenceBuild>
{
    /// <summary>The stages whose outputs make the CD, in build order, each killed once.</summary>
    private static readonly string[] KilledStages =
    [
        "RootBootstrap",
        "RootPatch",
        "UsrLayout",
        "RootTarball",
        "Initrd",
        "BootLoader",
        "MasterIso",
    ];

    [Fact]
    public async Task A_second_clean_build_elsewhere_later_as_another_user_and_host_gives_the_same_bytes()
    {
        var checkout = reference.Work.Combine("elsewhere", "a deeper", "other-name");
        ReferenceBuild.CopyBuildSystem(checkout);
        var home = reference.Work.Combine("home");
        Directory.CreateDirectory(home);
        var environment = new Dictionary<string, string>
        {
            ["XENDEMOCD_ROOT"] = checkout,
            ["TZ"] = "Pacific/Chatham",
            ["LANG"] = "de_DE.UTF-8",
            ["USER"] = "somebody-else",
            ["LOGNAME"] = "somebody-else",
            ["HOME"] = home,
            ["TMPDIR"] = home,
        };
        // Another host name too, in a UTS namespace of its own (root only: CI runs as root).
        var (program, arguments) = Environment.IsPrivilegedProcess
            ? (
                "unshare",
                (string[])
                    [
                        "--uts",
                        "sh",
                        "-c",
                        "hostname another-build-host && exec \"$@\"",
                        "sh",
                        "dotnet",
                        .. ReferenceBuild.Arguments(checkout),
                    ]
            )
            : ("dotnet", ReferenceBuild.Arguments(checkout));

        var (exit, output) = await ProcessRun.RunAsync(
            program,
            arguments,
            checkout,
            environment,
            TimeSpan.FromMinutes(40)
        );

        Assert.True(exit == 0, $"the second build failed ({exit}):\n{output}");
        Assert.Empty(ReferenceBuild.RootTarDifferences(reference.Checkout, checkout));
        Assert.Equal(ReferenceBuild.Outputs(reference.Checkout), ReferenceBuild.Outputs(checkout));
    }

    [Fact]
    public async Task A_build_killed_inside_each_stage_resumes_to_the_same_bytes()
    {
        var checkout = reference.Work.Combine("killed", "xendemocd");
        ReferenceBuild.CopyBuildSystem(checkout);
        var environment = new Dictionary<string, string> { ["XENDEMOCD_ROOT"] = checkout };
        var stages = Path.Combine(checkout, "out", "stages");
        string? uncommitted = null;

        foreach (var stage in KilledStages)
        {
            using var build = ProcessRun.Start(
                "dotnet",
                ReferenceBuild.Arguments(checkout),
                checkout,
                environment
            );
            await build.WaitForOutputAsync(Building(stage), TimeSpan.FromMinutes(20));
            // Into the middle of the work: mmdebstrap is unpacking, the others are writing.
            await Task.Delay(
                stage == "RootBootstrap" ? TimeSpan.FromSeconds(25) : TimeSpan.FromMilliseconds(150)
            );
            build.KillTree();
            await build.WaitAsync(TimeSpan.FromMinutes(1));
            AssertRebuiltAfterItsKill(uncommitted, build.Output);
            uncommitted = Directory.Exists(Path.Combine(stages, stage)) ? null : stage;
        }

        var (exit, output) = await ProcessRun.RunAsync(
            "dotnet",
            ReferenceBuild.Arguments(checkout),
            checkout,
            environment,
            TimeSpan.FromMinutes(40)
        );

        Assert.True(exit == 0, $"the build after the kills failed ({exit}):\n{output}");
        AssertRebuiltAfterItsKill(uncommitted, output);
        Assert.Equal(ReferenceBuild.Outputs(reference.Checkout), ReferenceBuild.Outputs(checkout));
    }

    private static string Building(string stage) => $"{stage, -16} Building:";

    /// <summary>
    /// A stage killed before it committed its output must build again in the next run, not be
    /// taken as up to date from what the kill left behind.
    /// </summary>
    private static void AssertRebuiltAfterItsKill(string? killedStage, string nextRunOutput)
    {
        if (killedStage is not null)
        {
            Assert.True(
                nextRunOutput.Contains(Building(killedStage), StringComparison.Ordinal),
                $"{killedStage} was killed before committing, but the next run did not rebuild it:\n{nextRunOutput}"
            );
        }
    }

    [Fact]
    public async Task The_cd_made_with_debians_kernel_and_xen_boots_from_bios_to_a_checked_dom0()
    {
        var iso = Path.Combine(reference.Checkout, "out", $"xendemo-{ReferenceBuild.Version}.iso");
        var check = new BootCheck(
            ConsoleAssertions.Qemu,
            reference.Work.Combine("boot"),
            XenDemoCD.Build.RootFs.RootPassword.Default,
            "/boot/vmlinuz"
        )
        {
            // BootTest's report; this test needs the checks only.
            AnalysesBoot = false,
        };

        var result = await check.RunAsync(
            BootCase.Parse("bios-cd").Single(),
            iso,
            CancellationToken.None
        );

        Assert.True(result.Passed, $"failed: {string.Join("; ", result.Failed)}\n{result.Tail}");
    }
}
