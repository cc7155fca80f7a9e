using System.Text.RegularExpressions;
using Serilog;
using Serilog.Events;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Testing;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Every xunit test of the repository (<c>dotnet test</c> over the solution), after installing
/// what the tests need: each test project lists its Debian packages in
/// <c>REQUIRED-DEBIAN-PACKAGES</c>.
/// </summary>
[TaskName(nameof(UnitTests))]
[TaskDescription("Runs the xunit tests of every project (installs the Debian packages they need)")]
[IsDependentOn(typeof(Prerequisites))]
public sealed partial class UnitTests : BuildTask<BuildContext>
{
    public const string PackageListName = "REQUIRED-DEBIAN-PACKAGES";

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [
            HostTools.Dotnet,
            // The integration test compiles the hypervisor for real.
            HostTools.AptGet,
            HostTools.DpkgSource,
            HostTools.Patch,
            .. HostTools.XenCompile,
            HostTools.GrubFile,
            .. ListedPackages(context).Select(HostTool.Package),
        ];

    public override async Task RunAsync(BuildContext context)
    {
        var totals = new Totals();
        var results = Path.Combine(context.Paths.Out, "test-results");
        var earlierResults = TrxFiles(results);
        try
        {
            await context
                .ToolsFor(nameof(UnitTests))
                .RunAsync(
                    HostTools.Dotnet,
                    c =>
                        c.WithArguments([
                                "test",
                                context.Paths.InRoot("XenDemoCD.sln"),
                                "--configuration",
                                "Release",
                                "--results-directory",
                                results,
                                "--logger",
                                "trx",
                                "--logger",
                                "console;verbosity=normal",
                            ])
                            .WithEnvironmentVariables(e =>
                                e.Set("XENDEMOCD_ROOT", context.Paths.Root)
                            ),
                    totals.OnLine,
                    LogEventLevel.Information
                );
        }
        catch (ToolFailedException run)
        {
            var failures = TrxFailures.Read(TrxFiles(results).Except(earlierResults));
            if (failures.Count == 0)
            {
                throw;
            }
            foreach (var failure in failures)
            {
                Log.Error(
                    "Test failed: {Test}\n{Message:l}\n{StackTrace:l}",
                    failure.Name,
                    failure.Message,
                    failure.StackTrace
                );
            }
            throw new TestsFailedException(failures, run);
        }
        finally
        {
            // The run's closing line adds these to the boot tests (Lifetime.ClosingLine).
            context.Tally.Add(totals.Passed, totals.Failed, totals.Skipped);
            var line =
                $"Unit tests: {totals.Passed} passed, {totals.Failed} failed, {totals.Skipped} skipped";
            Log.Information("{Summary:l} (results in {Results})", line, results);
            context.Outcomes.Note(nameof(UnitTests), line);
        }
    }

    private static HashSet<string> TrxFiles(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory, "*.trx", SearchOption.AllDirectories)]
            : [];

    private static IEnumerable<string> ListedPackages(BuildContext context)
    {
        var tests = context.Paths.InRoot("tests");
        if (!Directory.Exists(tests))
        {
            return [];
        }
        return Directory
            .GetFiles(tests, PackageListName, SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .Distinct();
    }

    /// <summary>
    /// Adds up the summaries dotnet test prints per test project: the one-line form
    /// ("Passed!  - Failed: 0, Passed: 52, Skipped: 0, …") or, with the normal console logger,
    /// the block form ("Total tests: 52" then "Passed: 52", "Failed: 1", "Skipped: 0" lines).
    /// </summary>
    internal sealed partial class Totals
    {
        public int Passed { get; private set; }
        public int Failed { get; private set; }
        public int Skipped { get; private set; }

        public void OnLine(string line)
        {
            if (OneLine().Match(line) is { Success: true } summary)
            {
                Failed += Number(summary.Groups["failed"]);
                Passed += Number(summary.Groups["passed"]);
                Skipped += Number(summary.Groups["skipped"]);
            }
            else if (BlockLine().Match(line) is { Success: true } count)
            {
                var value = Number(count.Groups["count"]);
                switch (count.Groups["what"].Value)
                {
                    case "Passed":
                        Passed += value;
                        break;
                    case "Failed":
                        Failed += value;
                        break;
                    default:
                        Skipped += value;
                        break;
                }
            }
        }

        private static int Number(System.Text.RegularExpressions.Group group) =>
            int.Parse(group.Value, System.Globalization.CultureInfo.InvariantCulture);

        [GeneratedRegex(
            @"(Passed|Failed)!\s+-\s+Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+),\s+Skipped:\s+(?<skipped>\d+)"
        )]
        private static partial Regex OneLine();

        [GeneratedRegex(@"^\s+(?<what>Passed|Failed|Skipped):\s+(?<count>\d+)\s*$")]
        private static partial Regex BlockLine();
    }
}
