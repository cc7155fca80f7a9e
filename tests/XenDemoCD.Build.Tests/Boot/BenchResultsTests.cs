using System.Text.Json;
using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>
/// The bench case's verdict on three result files and on the table that rootpatch's own
/// <c>xendemo-bench compare</c> prints for them (run here by the host's python3).
/// </summary>
public sealed class BenchResultsTests : IDisposable
{
    private static readonly string Tool = RepositoryRoot.Combine(
        "rootpatch/usr/local/sbin/xendemo-bench"
    );

    private static readonly string[] Suite = ["cpu", "dbench", "web", "iperf3"];

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Three_complete_emulated_runs_with_every_cell_present_pass()
    {
        var files = Files();

        var table = await CompareAsync(files);

        Assert.Empty(BenchResults.Problems(files, table, quick: true, emulated: true));
        // iperf3: native has no peer, so the others show their figure, marked, with no ratio.
        Assert.Matches(@"iperf3\s+-- \(missing\)\s+900 Mbit/s \(no native figure\) \*", table);
    }

    [Fact]
    public async Task Quick_runs_are_refused_where_the_full_suite_was_asked_for_and_full_ones_pass()
    {
        var quick = Files();
        var problems = BenchResults.Problems(
            quick,
            await CompareAsync(quick),
            quick: false,
            emulated: true
        );
        // The same names, written again as full runs.
        var full = Files(
            Document("native", "native", quick: false),
            Document("dom0", "dom0", quick: false),
            Document("guest1", "guest", quick: false)
        );

        Assert.Contains("bench-result dom0.json: a --quick run, expected the full suite", problems);
        Assert.Empty(
            BenchResults.Problems(full, await CompareAsync(full), quick: false, emulated: true)
        );
    }

    [Fact]
    public async Task An_interrupted_run_and_its_missing_cells_are_reported()
    {
        var files = Files(guest: Document("guest1", "guest", complete: false, skip: "web"));

        var problems = BenchResults.Problems(
            files,
            await CompareAsync(files),
            quick: true,
            emulated: true
        );

        Assert.Contains("bench-result guest1.json: the run is marked incomplete", problems);
        Assert.Contains(
            problems,
            p => p.StartsWith("bench-table: web, column 3 is '--", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_benchmark_that_failed_in_one_system_is_named_with_its_reason()
    {
        var files = Files(dom0: Document("dom0", "dom0", failed: "dbench"));

        var problems = BenchResults.Problems(
            files,
            await CompareAsync(files),
            quick: true,
            emulated: true
        );

        Assert.Contains(
            "bench-result dom0.json: dbench is failed, expected measured: dbench: out of memory",
            problems
        );
    }

    [Fact]
    public async Task Figures_measured_under_TCG_that_claim_real_hardware_are_refused()
    {
        var files = Files(native: Document("native", "native", emulated: false));

        var problems = BenchResults.Problems(
            files,
            await CompareAsync(files),
            quick: true,
            emulated: true
        );

        Assert.Contains(
            problems,
            p =>
                p.StartsWith(
                    "bench-result native.json: environment.emulated is False",
                    StringComparison.Ordinal
                )
        );
    }

    [Fact]
    public async Task Files_of_the_wrong_systems_are_refused()
    {
        var files = Files(guest: Document("guest1", "dom0"));

        var problems = BenchResults.Problems(
            files,
            await CompareAsync(files),
            quick: true,
            emulated: true
        );

        Assert.Contains(
            "bench-result: the files are of native, dom0, dom0, expected native, dom0, guest",
            problems
        );
    }

    [Fact]
    public void A_table_without_the_emulated_marks_is_refused()
    {
        var files = Files();
        var table = """
            Relative to native (= 1.00; higher is better)
            benchmark  native  dom0  guest1
            cpu          1.00  0.97    0.90
            dbench       1.00  0.50    0.40
            web          1.00  0.90    0.80
            iperf3  -- (missing)  900 Mbit/s (no native figure)  800 Mbit/s (no native figure)
            """;

        var problems = BenchResults.Problems(files, table, quick: true, emulated: true);

        Assert.Contains("bench-table: cpu, column 2 ('0.97') is not marked as emulated", problems);
        Assert.Contains(
            "bench-table: no footnote '* emulated: not a performance figure'",
            problems
        );
    }

    private List<string> Files(string? native = null, string? dom0 = null, string? guest = null) =>
        [
            native ?? Document("native", "native"),
            dom0 ?? Document("dom0", "dom0"),
            guest ?? Document("guest1", "guest"),
        ];

    private async Task<string> CompareAsync(IReadOnlyList<string> files)
    {
        var (exitCode, output) = await ProcessRun.RunAsync(
            "/usr/bin/python3",
            [Tool, "compare", .. files],
            temp.Path,
            new Dictionary<string, string>(),
            TimeSpan.FromMinutes(1)
        );
        Assert.True(exitCode == 0, output);
        return output;
    }

    /// <summary>A result file as <c>xendemo-bench run</c> writes it (<c>--quick</c> unless told).</summary>
    private string Document(
        string label,
        string system,
        bool complete = true,
        bool emulated = true,
        bool quick = true,
        string? skip = null,
        string? failed = null
    )
    {
        var results = new Dictionary<string, object>();
        foreach (var name in Suite.Where(n => n != skip))
        {
            results[name] =
                name == "iperf3" && system == "native"
                    ? new Dictionary<string, object>
                    {
                        ["workload"] = "iperf3 TCP to --peer, one stream",
                        ["seconds"] = 10,
                        ["status"] = "missing",
                        ["reason"] =
                            "needs a peer running `iperf3 -s` (dom0, or another guest): give --peer ADDRESS",
                    }
                : name == failed
                    ? new Dictionary<string, object>
                    {
                        ["workload"] = $"{name} workload",
                        ["seconds"] = 10,
                        ["status"] = "failed",
                        ["reason"] = $"{name}: out of memory",
                    }
                : new Dictionary<string, object>
                {
                    ["workload"] =
                        name == "iperf3" ? "iperf3 TCP to --peer, one stream" : $"{name} workload",
                    ["seconds"] = 10,
                    ["status"] = "measured",
                    ["value"] =
                        system == "native" ? 1000
                        : system == "dom0" ? 900
                        : 800,
                    ["unit"] = name == "iperf3" ? "Mbit/s" : "ops/s",
                };
        }
        var document = new Dictionary<string, object>
        {
            ["suite"] = "xendemo-bench 1",
            ["quick"] = quick,
            ["complete"] = complete,
            ["environment"] = new Dictionary<string, object>
            {
                ["label"] = label,
                ["system"] = system,
                ["emulated"] = emulated,
            },
            ["results"] = results,
        };
        return temp.Write($"{label}.json", JsonSerializer.Serialize(document));
    }
}
