using System.Text.Json;
using System.Text.RegularExpressions;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// What the bench case demands of the three result files and of <c>xendemo-bench compare</c>'s
/// table: every run complete and of the kind asked for (quick or full), every benchmark measured in every system, except iperf3
/// in native Linux, which has no second system to talk to; and in the table, every cell present
/// and, under TCG, marked as emulated.
/// </summary>
public static partial class BenchResults
{
    /// <summary>The one benchmark that needs a peer: native Linux has none.</summary>
    public const string PeerBenchmark = "iperf3";

    private const string Emulated = "emulated: not a performance figure";

    /// <summary>
    /// The problems found, one line each (empty when none). <paramref name="files"/> are
    /// native's, dom0's and the guest's, in the table's column order.
    /// </summary>
    public static IReadOnlyList<string> Problems(
        IReadOnlyList<string> files,
        string table,
        bool quick,
        bool emulated
    )
    {
        var problems = new List<string>();
        var benchmarks = new List<string>();
        var systems = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var environment = root.GetProperty("environment");
            var system = environment.GetProperty("system").GetString() ?? "?";
            systems.Add(system);
            if (!root.GetProperty("complete").GetBoolean())
            {
                problems.Add($"bench-result {name}: the run is marked incomplete");
            }
            if (root.GetProperty("quick").GetBoolean() != quick)
            {
                problems.Add(
                    $"bench-result {name}: {(quick ? "not a --quick run" : "a --quick run, expected the full suite")}"
                );
            }
            if (environment.GetProperty("emulated").GetBoolean() != emulated)
            {
                problems.Add(
                    $"bench-result {name}: environment.emulated is {environment.GetProperty("emulated")}, but the machine ran {(emulated ? "under TCG" : "with KVM")}"
                );
            }
            foreach (var result in root.GetProperty("results").EnumerateObject())
            {
                if (!benchmarks.Contains(result.Name))
                {
                    benchmarks.Add(result.Name);
                }
                var status = result.Value.GetProperty("status").GetString();
                var expected =
                    system == "native" && result.Name == PeerBenchmark ? "missing" : "measured";
                if (status != expected)
                {
                    var reason = result.Value.TryGetProperty("reason", out var r)
                        ? ": " + r.GetString()
                        : "";
                    problems.Add(
                        $"bench-result {name}: {result.Name} is {status}, expected {expected}{reason}"
                    );
                }
            }
        }
        if (!systems.SequenceEqual(["native", "dom0", "guest"]))
        {
            problems.Add(
                $"bench-result: the files are of {string.Join(", ", systems)}, expected native, dom0, guest"
            );
        }
        problems.AddRange(TableProblems(table, benchmarks, files.Count, emulated));
        return problems;
    }

    private static IEnumerable<string> TableProblems(
        string table,
        IReadOnlyList<string> benchmarks,
        int columns,
        bool emulated
    )
    {
        var lines = table.Split('\n');
        foreach (var benchmark in benchmarks)
        {
            var row = lines.FirstOrDefault(l =>
                l.StartsWith(benchmark + " ", StringComparison.Ordinal)
            );
            if (row is null)
            {
                yield return $"bench-table: no row for {benchmark}";
                continue;
            }
            var cells = Cell().Matches(row[benchmark.Length..]).Select(m => m.Value).ToList();
            if (cells.Count != columns)
            {
                yield return $"bench-table: {benchmark} has {cells.Count} cells, expected {columns}: '{row.Trim()}'";
                continue;
            }
            for (var i = 0; i < cells.Count; i++)
            {
                var missing = cells[i].StartsWith("--", StringComparison.Ordinal);
                var expectMissing = benchmark == PeerBenchmark && i == 0;
                if (missing != expectMissing)
                {
                    yield return $"bench-table: {benchmark}, column {i + 1} is '{cells[i]}'";
                }
                else if (!missing && emulated && !cells[i].EndsWith(" *", StringComparison.Ordinal))
                {
                    yield return $"bench-table: {benchmark}, column {i + 1} ('{cells[i]}') is not marked as emulated";
                }
            }
        }
        if (emulated && !table.Contains("* " + Emulated, StringComparison.Ordinal))
        {
            yield return $"bench-table: no footnote '* {Emulated}'";
        }
    }

    /// <summary>One cell: a ratio, a figure with its unit and why it has no ratio, or "-- (why)"; each maybe " *".</summary>
    [GeneratedRegex(@"--\s\([^)]*\)|\d+(?:\.\d+)?(?:e[+-]?\d+)?(?: [^\s(]+ \(no [^)]*\))?(?: \*)?")]
    private static partial Regex Cell();
}
