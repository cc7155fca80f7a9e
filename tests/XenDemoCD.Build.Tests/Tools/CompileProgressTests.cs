using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.Tools;

public sealed class CompileProgressTests : IDisposable
{
    private const string Package = "xen";
    private const string Version = "4.17.5+72-g01140da4e8-1";
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private string Estimate(string version, int steps) =>
        scratch.Write(
            "hypervisor/compile-steps.json",
            $$"""
            {
              // measured on a cold build
              "package": "{{Package}}",
              "version": "{{version}}",
              "steps": {{steps}}
            }
            """
        );

    private string EmptyWork() => Directory.CreateDirectory(scratch.Combine("work")).FullName;

    [Fact]
    public void A_first_build_shows_a_percentage_of_the_estimate_kept_beside_the_pin()
    {
        var expected = CompileStepCount.Expected(
            EmptyWork(),
            Estimate(Version, 200),
            Package,
            Version
        );
        var sink = new CollectingSink();
        var clock = new ManualClock();
        var progress = new CompileProgress(
            new StepProgress(
                "Xen",
                ProgressUnit.Of("steps"),
                new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(),
                clock
            ),
            expected
        );

        for (var i = 0; i < 50; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            progress.OnLine($"  CC      arch/x86/file{i}.o");
        }

        Assert.Equal("Xen:  20% 40/200 steps, 0:10  in arch/x86", Assert.Single(sink.Lines));
    }

    [Fact]
    public void The_count_of_the_last_build_here_wins_over_the_estimate()
    {
        var work = EmptyWork();
        CompilerSetup.RecordStepCount(work, 1234);

        Assert.Equal(
            1234,
            CompileStepCount.Expected(work, Estimate(Version, 200), Package, Version)
        );
    }

    [Fact]
    public void An_estimate_for_another_version_gives_no_percentage()
    {
        var expected = CompileStepCount.Expected(
            EmptyWork(),
            Estimate("4.17.3-1", 200),
            Package,
            Version
        );
        var recorder = new RecordingProgress();
        var progress = new CompileProgress(recorder, expected);

        progress.OnLine("  CC      common/sched/core.o");

        Assert.Null(expected);
        Assert.Equal((1L, (long?)null, "in common/sched"), recorder.Reports.Single());
    }

    [Fact]
    public void Past_the_expected_count_only_the_count_is_reported()
    {
        var recorder = new RecordingProgress();
        var progress = new CompileProgress(recorder, 2);

        foreach (
            var line in new[]
            {
                "  CC      a/x.o",
                "some make chatter",
                "  LD      a/y.o",
                "  AR      a/z.a",
            }
        )
        {
            progress.OnLine(line);
        }

        Assert.Equal([2L, null], recorder.Reports.Select(r => r.Total).Skip(1));
        Assert.Equal([1L, 2L, 3L], recorder.Reports.Select(r => r.Done ?? 0));
    }

    [Fact]
    public void A_module_object_counts_as_a_step_in_its_own_directory()
    {
        var recorder = new RecordingProgress();
        var progress = new CompileProgress(recorder, 10);

        progress.OnLine("  CC [M]  drivers/xen/xen-pciback/pci_stub.o");

        Assert.Equal((1L, (long?)10, "in drivers/xen/xen-pciback"), recorder.Reports.Single());
    }

    [Fact]
    public void An_estimate_kept_in_the_repository_is_for_the_pinned_source()
    {
        // Each is optional (without one, a first build shows a count without a percentage);
        // one that is there must be for the pinned package and version, or it would mislead.
        var xen = DebianSourcePin.Load(RepositoryRoot.Combine("hypervisor", "source.json"));
        var linux = DebianBinaryPin.Load(
            RepositoryRoot.Combine("xenolinux-patches", "source.json")
        );
        foreach (
            var (folder, package, version) in new[]
            {
                ("hypervisor", xen.Package, xen.Version),
                ("xenolinux-patches", linux.Package, linux.Version),
            }
        )
        {
            var estimate = RepositoryRoot.Combine(folder, CompileStepCount.EstimateFile);
            if (File.Exists(estimate))
            {
                Assert.NotNull(CompileStepCount.Estimate(estimate, package, version));
            }
        }
    }
}
