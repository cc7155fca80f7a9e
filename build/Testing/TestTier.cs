using Serilog;
using Serilog.Events;
using XenDemoCD.Build.IO;
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
    /// Runs the tier; adds its counts to the run's tally and gives its line to the report. Throws
    /// <see cref="TestsFailedException"/> naming every failed test.
    /// </summary>
    public async Task RunAsync(
        ToolRunner tools,
        TestRunSetup setup,
        IReadOnlyDictionary<string, string> environment
    )
    {
        var results = Path.Combine(setup.Output, "test-results", Directory);
        // Only this run's TRX files may count.
        DirectoryRemoval.DeleteIfPresent(results);
        var filter = FilterWith(setup.Filter);
        Log.Information("{Tier}: dotnet test --filter {Filter}", Title, filter);
        ToolFailedException? failedRun = null;
        try
        {
            await tools.RunAsync(
                HostTools.Dotnet,
                c =>
                    c.WithArguments([
                            "test",
                            Path.Combine(setup.Repository, "XenDemoCD.sln"),
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
                            e.Set("XENDEMOCD_ROOT", setup.Repository);
                            // The tests' own builds share the run's cache.
                            e.Set("XENDEMOCD_CACHE", setup.Cache);
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
        setup.Tally.Add(outcome.Passed, outcome.Failed, outcome.Skipped);
        var line =
            $"{Title}: {outcome.Passed} passed, {outcome.Failed} failed, {outcome.Skipped} skipped";
        Log.Information("{Summary:l} (results in {Results})", line, results);
        setup.Report(line);
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

/// <summary>Where a tier runs and what it reports to.</summary>
/// <param name="Repository">the checkout whose XenDemoCD.sln is tested</param>
/// <param name="Output">the run's output directory (results go to its test-results/)</param>
/// <param name="Cache">the download and compiler cache the tests' own builds share</param>
/// <param name="Filter">the user's --filter, narrowing the tier's own</param>
/// <param name="Tally">the run's counts, added to</param>
/// <param name="Report">takes the tier's one summary line</param>
public sealed record TestRunSetup(
    string Repository,
    string Output,
    string Cache,
    string? Filter,
    TestTally Tally,
    Action<string> Report
);
