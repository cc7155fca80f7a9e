using Serilog;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// What CI runs: every xunit test, then the ISO built and booted in QEMU (BootTest, the cases of
/// <c>--boot-cases</c>). The run ends with one line adding them up: "Tests: N passed, N failed,
/// N skipped" — also when a step failed, so the count is never lost.
/// </summary>
[TaskName(nameof(Test))]
[TaskDescription(
    "All tests: the xunit tests of every project, then the ISO booted in QEMU (BootTest)"
)]
[IsDependentOn(typeof(UnitTests))]
[IsDependentOn(typeof(BootTest))]
public sealed class Test : BuildTask<BuildContext>
{
    // The count itself is printed last by the lifetime (after the report, also on failure).
    public override void Run(BuildContext context) => Log.Information("{Summary:l}", context.Tally);
}
