using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

[Collection(SerialCollection.Name)]
public sealed class BuildHostTests
{
    [Fact]
    public async Task Dependencies_run_before_the_task_that_needs_them()
    {
        var run = new HostRun();

        var exitCode = await run.RunAsync("--target=C");

        Assert.Equal(0, exitCode);
        Assert.Equal(["TaskA", "TaskB", "TaskC"], run.Context.Ran);
    }

    [Fact]
    public async Task The_default_target_runs_when_none_is_given()
    {
        var run = new HostRun();

        await run.RunAsync();

        Assert.Equal("TaskC", run.Context.Ran.Last());
    }

    [Fact]
    public async Task A_task_whose_condition_fails_is_skipped_with_its_reason_and_its_dependents_still_run()
    {
        var run = new HostRun();

        var exitCode = await run.RunAsync("--target=AfterSkipped");

        Assert.Equal(0, exitCode);
        Assert.Equal(["TaskA", "AfterSkipped"], run.Context.Ran);
        Assert.Contains("Skipped: --kernel=debian: nothing to compile", run.Log.Lines);
    }

    [Fact]
    public async Task Dry_run_lists_the_plan_in_order_with_reasons_and_runs_nothing()
    {
        var run = new HostRun();

        var exitCode = await run.RunAsync("--target=AfterSkipped", "--dryrun");

        Assert.Equal(0, exitCode);
        Assert.Empty(run.Context.Ran);
        Assert.Equal(
            [("A", true), ("SkippedB", false), ("AfterSkipped", true)],
            run.Host.DryRunSteps.Select(s => (s.Task, s.WouldRun))
        );
        Assert.Equal("--kernel=debian: nothing to compile", run.Host.DryRunSteps[1].Why);
    }

    [Fact]
    public async Task A_failing_task_fails_the_build_and_the_report_is_still_printed()
    {
        var run = new HostRun();

        var exitCode = await run.RunAsync("--target=Failing");

        Assert.Equal(BuildHost<RecordingContext>.Failed, exitCode);
        Assert.Contains(
            run.Log.Lines,
            l =>
                l.StartsWith("Failing", StringComparison.Ordinal)
                && l.Contains("FAILED", StringComparison.Ordinal)
        );
        Assert.Contains(
            run.Log.Lines,
            l =>
                l.StartsWith("A ", StringComparison.Ordinal)
                && l.Contains("Done", StringComparison.Ordinal)
        );
        Assert.Contains(
            run.Log.Lines,
            l =>
                l.Contains("Build failed in task Failing", StringComparison.Ordinal)
                && l.Contains("the compiler exploded", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task An_unknown_target_is_an_error_that_lists_the_targets()
    {
        var run = new HostRun();

        var exitCode = await run.RunAsync("--target=Nope");

        Assert.Equal(BuildHost<RecordingContext>.UsageError, exitCode);
        Assert.Contains(
            run.Log.Lines,
            l =>
                l.Contains(
                    "Unknown target 'Nope'. Valid targets: A, AfterSkipped, B, BrokenInput, C, Failing, SkippedB, Warns.",
                    StringComparison.Ordinal
                )
        );
        Assert.Empty(run.Context.Ran);
    }

    [Fact]
    public async Task A_mistyped_target_is_an_error_that_names_the_nearest_target()
    {
        var run = new HostRun();

        var exitCode = await run.RunAsync("--target=Faling");

        Assert.Equal(BuildHost<RecordingContext>.UsageError, exitCode);
        Assert.Contains(
            run.Log.Lines,
            l =>
                l.StartsWith(
                    "Unknown target 'Faling'. Did you mean Failing?",
                    StringComparison.Ordinal
                )
        );
    }

    [Fact]
    public async Task An_unknown_argument_is_an_error_that_lists_the_valid_arguments()
    {
        var run = new HostRun();

        var exitCode = await run.RunAsync("--tagret=C");

        Assert.Equal(BuildHost<RecordingContext>.UsageError, exitCode);
        var message = run.Log.Lines.Single(l =>
            l.StartsWith("Unknown argument", StringComparison.Ordinal)
        );
        Assert.Contains("'--tagret=C'", message);
        Assert.Contains("--target=TASK", message);
        Assert.Contains("--dryrun", message);
    }

    [Fact]
    public async Task Exclusive_runs_the_target_without_its_dependencies()
    {
        var run = new HostRun();

        await run.RunAsync("--target=C", "--exclusive");

        Assert.Equal(["TaskC"], run.Context.Ran);
    }

    [Fact]
    public async Task Target_names_are_case_insensitive()
    {
        var run = new HostRun();

        var exitCode = await run.RunAsync("--target", "b");

        Assert.Equal(0, exitCode);
        Assert.Equal(["TaskA", "TaskB"], run.Context.Ran);
    }

    [Fact]
    public void The_tree_shows_each_dependency_under_the_task_that_needs_it()
    {
        var tasks = new[] { typeof(TaskA), typeof(TaskB), typeof(TaskC) }
            .Select(TaskDefinition<RecordingContext>.From)
            .ToList();

        var lines = TaskTree.Lines(tasks, "C").ToList();

        Assert.Equal(["C", "└── B", "    └── A"], lines);
    }
}
