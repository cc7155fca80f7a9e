using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Plan;

/// <summary><c>--target=Run --iso=OTHER.iso</c> boots that ISO without building this checkout's.</summary>
[Collection(SerialCollection.Name)]
public sealed class RunGivenIsoTests : IDisposable
{
    private readonly RepositoryDryRun run = new();

    public void Dispose() => run.Dispose();

    [Fact]
    public async Task Every_stage_is_skipped_naming_the_iso_and_Run_and_its_tool_check_run()
    {
        var iso = run.Root.Write("other/OTHER.iso", "not really an ISO");

        var exitCode = await run.RunAsync("--target=Run", $"--iso={iso}");

        Assert.True(exitCode == 0, run.Log.Text);
        var stages = typeof(BuildContext)
            .Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Build.Stages.StageTask)) && !t.IsAbstract)
            .Select(t => t.Name)
            .ToList();
        Assert.Contains("MasterIso", stages);
        foreach (var step in run.Steps.Where(s => stages.Contains(s.Task)))
        {
            Assert.Equal((step.Task, false, $"--iso={iso} given"), step);
        }
        Assert.Contains(("MasterIso", false, $"--iso={iso} given"), run.Steps);
        Assert.True(run.Steps.Single(s => s.Task == "Run").WouldRun);
        // QEMU and OVMF are still checked.
        Assert.True(run.Steps.Single(s => s.Task == "Prerequisites").WouldRun);
    }

    [Fact]
    public async Task Boot_test_boots_a_given_iso_without_building_this_checkouts()
    {
        var iso = run.Root.Write("other/OLDER.iso", "not really an ISO");

        var exitCode = await run.RunAsync("--target=BootTest", $"--iso={iso}");

        Assert.True(exitCode == 0, run.Log.Text);
        Assert.Contains(("MasterIso", false, $"--iso={iso} given"), run.Steps);
        Assert.True(run.Steps.Single(s => s.Task == "BootTest").WouldRun);
    }

    [Fact]
    public async Task A_missing_iso_is_an_error_naming_it_before_any_task()
    {
        var iso = run.Root.Combine("nowhere", "OTHER.iso");

        var exitCode = await run.RunAsync("--target=Run", $"--iso={iso}");

        Assert.Equal(1, exitCode);
        Assert.Contains(iso + ": ", run.Log.Text);
        Assert.Empty(run.Steps);
    }

    [Fact]
    public async Task Without_iso_Run_builds_the_ISO_first()
    {
        Assert.Equal(0, await run.RunAsync("--target=Run"));

        Assert.True(run.Steps.Single(s => s.Task == "MasterIso").WouldRun);
    }
}
