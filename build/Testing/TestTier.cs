using Serilog;
using Serilog.Events;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Testing;

/// <summary>
/// One tier of the xunit tests, chosen by the <c>Category</c> trait: the fast tier (no network,
/// no compile, no bootstrap, no QEMU: the edit–test loop) and the integration tier (everything
/// that builds, fetches or boots; a test class joins it with <c>[Trait("Category",
/// "Integration")]</c>). Runs <c>dotnet test</c> over the solution and takes the counts, the
/// failures and the skips from the TRX files it writes.
/// </summary>
public sealed class TestTier
{
    public const string IntegrationCategory = "Integration";

    public static readonly TestTier Unit = new(
        "Unit tests",
        "unit",
        $"Category!={IntegrationCategory}"
    );

    public static readonly TestTier Integration = new(
        "Integration tests",
        "integration",
        $"Category={IntegrationCategory}"
    );

    private TestTier(string title, string directory, string filter)
    {
        Title = title;
        Directory = directory;
        Filter = filter;
    }

    public string Title { get; }

    /// <summary>The tier's results directory under <c>out/test-results</c>.</summary>
    public string Directory { get; }

    /// <summary>The tier's own filter; <c>--filter</c> narrows it further.</summary>
    public string Filter { get; }

    public string FilterWith(string? userFilter) =>
        string.IsNullOrWhiteSpace(userFilter) ? Filter : $"({Filter})&({userFilter})";

    /// <summary>
    /// Runs the tier; adds its counts to the run's tally and notes its line in the report. Throws
    /// <see cref="TestsFailedException"/> naming every failed test.
    /// </summary>
    public async Task RunAsync(
        BuildContext context,
        string task,
        IReadOnlyDictionary<string, string> environment
    )
    {
        var results = Path.Combine(context.Paths.Out, "test-results", Directory);
        // Only this run's TRX files may count.
        Stages.StageDirectory.DeleteIfPresent(results);
        var filter = FilterWith(context.Settings.TestFilter);
        Log.Information("{Tier}: dotnet test --filter {Filter}", Title, filter);
        ToolFailedException? failedRun = null;
        try
        {
            await context
                .ToolsFor(task)
                .RunAsync(
                    HostTools.Dotnet,
                    c =>
                        c.WithArguments([
                                "test",
                                context.Paths.InRoot("XenDemoCD.sln"),
                                "--configuration",
                                "Release",
                                "--filter",
                                filter,
                                "--results-directory",
                                results,
                                "--logger",
                                "trx",
                                "--logger",
                                "console;verbosity=normal",
                            ])
                            .WithEnvironmentVariables(e =>
                            {
                                e.Set("XENDEMOCD_ROOT", context.Paths.Root);
                                // The tests' own builds share the run's cache.
                                e.Set("XENDEMOCD_CACHE", context.Paths.Cache);
                                foreach (var (name, value) in environment)
                                {
                                    e.Set(name, value);
                                }
                            }),
                    null,
                    LogEventLevel.Information
                );
        }
        catch (ToolFailedException run)
        {
            failedRun = run;
        }

        var outcome = TrxResults.ReadDirectory(results);
        context.Tally.Add(outcome.Passed, outcome.Failed, outcome.Skipped);
        var line =
            $"{Title}: {outcome.Passed} passed, {outcome.Failed} failed, {outcome.Skipped} skipped";
        Log.Information("{Summary:l} (results in {Results})", line, results);
        context.Outcomes.Note(task, line);
        foreach (var skip in outcome.Skips)
        {
            Log.Warning("Test skipped: {Test}: {Reason:l}", skip.Name, skip.Message);
        }
        var failures = outcome.Failures.ToList();
        foreach (var failure in failures)
        {
            Log.Error(
                "Test failed: {Test}\n{Message:l}\n{StackTrace:l}",
                failure.Name,
                failure.Message,
                failure.StackTrace
            );
        }
        if (failures.Count > 0)
        {
            throw new TestsFailedException(
                failures,
                (Exception?)failedRun ?? new InvalidOperationException("dotnet test passed")
            );
        }
        if (failedRun is not null)
        {
            // No failed test recorded, yet the runner failed: a build error or a crashed test host.
            throw failedRun;
        }
    }
}
