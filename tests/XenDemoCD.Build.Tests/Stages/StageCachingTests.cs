using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Stages;

[Collection(SerialCollection.Name)]
public sealed class StageCachingTests : IDisposable
{
    private readonly StageTestBuild build = new();

    public void Dispose() => build.Dispose();

    [Fact]
    public async Task A_stage_whose_inputs_did_not_change_is_skipped_as_up_to_date()
    {
        await build.RunAsync();

        var exitCode = await build.RunAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal(1, UpstreamStage.Builds);
        Assert.Equal(1, DownstreamStage.Builds);
        Assert.Contains(
            build.Log.Lines,
            l => l.StartsWith("Up to date (3 inputs unchanged)", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task Changing_one_input_rebuilds_the_stage_and_the_log_names_that_input()
    {
        await build.RunAsync();
        build.Root.Write("input.txt", "version 2");

        await build.RunAsync();

        Assert.Equal(2, UpstreamStage.Builds);
        Assert.Contains(
            build.Log.Lines,
            l => l.StartsWith("Building: input 'input.txt' changed", StringComparison.Ordinal)
        );
        Assert.Equal(
            "version 2",
            File.ReadAllText(Path.Combine(build.Out, "stages", "Upstream", "result.txt"))
        );
    }

    [Fact]
    public async Task A_stage_rebuilds_when_a_stage_it_builds_on_has_new_inputs()
    {
        await build.RunAsync();
        build.Root.Write("input.txt", "version 2");

        await build.RunAsync();

        Assert.Equal(2, DownstreamStage.Builds);
        Assert.Contains(
            build.Log.Lines,
            l => l.StartsWith("Building: input 'stage:Upstream' changed", StringComparison.Ordinal)
        );
        Assert.Equal(
            "version 2",
            File.ReadAllText(Path.Combine(build.Out, "stages", "Downstream", "copy.txt"))
        );
    }

    [Fact]
    public async Task Force_rebuilds_the_named_stage_even_when_up_to_date()
    {
        await build.RunAsync();

        await build.RunAsync("--force=Upstream");

        Assert.Equal(2, UpstreamStage.Builds);
        Assert.Equal(1, DownstreamStage.Builds);
    }

    [Fact]
    public async Task A_stage_that_fails_midway_leaves_no_output_that_counts_as_complete()
    {
        UpstreamStage.FailMidway = true;

        var exitCode = await build.RunAsync();

        Assert.Equal(1, exitCode);
        Assert.False(Directory.Exists(Path.Combine(build.Out, "stages", "Upstream")));
        Assert.Null(
            new StageDirectory(
                Path.Combine(build.Out, "stages", "Upstream")
            ).ReadCommittedManifest()
        );

        UpstreamStage.FailMidway = false;
        await build.RunAsync();
        Assert.Equal(2, UpstreamStage.Builds);
        Assert.False(Directory.Exists(Path.Combine(build.Out, "stages", "Upstream.partial")));
    }

    [Fact]
    public async Task A_failed_rebuild_keeps_the_last_complete_output_and_its_manifest_so_the_next_run_retries()
    {
        await build.RunAsync();
        build.Root.Write("input.txt", "version 2");
        UpstreamStage.FailMidway = true;

        await build.RunAsync();

        Assert.Equal(
            "version 1",
            File.ReadAllText(Path.Combine(build.Out, "stages", "Upstream", "result.txt"))
        );
        UpstreamStage.FailMidway = false;
        await build.RunAsync("--dryrun");
        Assert.Contains(
            build.Log.Lines,
            l =>
                l.Contains("Upstream", StringComparison.Ordinal)
                && l.Contains("would build: input 'input.txt' changed", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_stage_manifest_holds_the_code_the_stage_runs()
    {
        await build.RunAsync();

        var manifest = new StageDirectory(
            Path.Combine(build.Out, "stages", "Upstream")
        ).ReadCommittedManifest();

        Assert.NotNull(manifest);
        Assert.Matches("^[0-9a-f]{64}$", manifest.Inputs["code:Tests.Stages.UpstreamStage"]);
    }

    [Fact]
    public void A_manifest_lists_new_changed_and_removed_inputs()
    {
        var before = new StageManifest().Add("a", "1").Add("b", "2");
        var after = new StageManifest().Add("a", "1").Add("b", "3").Add("c", "4");

        Assert.Equal(
            ["input 'b' changed (2 → 3)", "new input 'c'"],
            after.DifferencesFrom(before).Order(StringComparer.Ordinal)
        );
        Assert.Equal(
            ["input 'c' removed"],
            before
                .DifferencesFrom(after.Add("b", "2").Add("a", "1"))
                .Where(d => d.Contains("removed"))
        );
    }

    [Fact]
    public void A_manifest_survives_its_text_form()
    {
        var manifest = new StageManifest()
            .Add("gcc", "gcc (Debian 12.2.0-14) 12.2.0")
            .Add("x", "a = b");

        Assert.Equal(manifest.Hash, StageManifest.Parse(manifest.Serialize()).Hash);
    }
}
