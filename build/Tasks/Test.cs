using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Testing;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// What CI runs: the fast tests, then the CD built as users build it, then the integration
/// tests (whose kernel boot tests boot that build's kernel), then the CD booted in QEMU
/// (BootTest, the cases of <c>--boot-cases</c>). The run ends with one line adding them up:
/// "Tests: N passed, N failed, N skipped" — also when a step failed, so the count is never lost.
/// </summary>
[TaskName(nameof(Test))]
[TaskDescription(
    "All tests: the fast tests, the CD built, the integration tests, then the CD booted in QEMU"
)]
[IsDependentOn(typeof(UnitTests))]
[IsDependentOn(typeof(MasterIso))]
[IsDependentOn(typeof(IntegrationTests))]
[IsDependentOn(typeof(BootTest))]
public sealed class Test : BuildTask<BuildContext>
{
    // The count itself is printed last by the lifetime (after the report, also on failure).
    public override void Run(BuildContext context) => Log.Information("{Summary:l}", context.Tally);
}
