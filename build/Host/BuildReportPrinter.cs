using System.Globalization;
using Cake.Core;
using Serilog;

namespace XenDemoCD.Build.Host;

/// <summary>
/// Prints Cake's task report (also after a failure): each task's time and result, with what the
/// task noted (e.g. "up to date") and why skipped tasks were skipped; then the warnings.
/// </summary>
public static class BuildReportPrinter
{
    public static IReadOnlyList<string> Format(
        CakeReport report,
        Func<string, RunDecision?> decisionOf,
        TaskOutcomes outcomes
    )
    {
        var lines = new List<string>
        {
            $"{"Task", -20} {"Duration", -12} Result",
            new string('─', 72),
        };
        var total = TimeSpan.Zero;
        foreach (var entry in report)
        {
            total += entry.Duration;
            var result = entry.ExecutionStatus switch
            {
                CakeTaskExecutionStatus.Skipped =>
                    $"Skipped: {decisionOf(entry.TaskName)?.Reason ?? entry.SkippedMessage}",
                CakeTaskExecutionStatus.Failed => "FAILED",
                CakeTaskExecutionStatus.Delegated => "Done",
                _ => outcomes.For(entry.TaskName) ?? "Done",
            };
            lines.Add($"{entry.TaskName, -20} {Duration(entry.Duration), -12} {result}");
        }
        lines.Add(new string('─', 72));
        lines.Add($"{"Total", -20} {Duration(total)}");
        return lines;
    }

    public static void Write(
        CakeReport report,
        Func<string, RunDecision?> decisionOf,
        TaskOutcomes outcomes
    )
    {
        foreach (var line in Format(report, decisionOf, outcomes))
        {
            Log.Information("{ReportLine:l}", line);
        }
        var warnings = BuildLogging.Warnings.Warnings;
        if (warnings.Count > 0)
        {
            Log.Information("{Count} warning(s):", warnings.Count);
            foreach (var warning in warnings)
            {
                Log.Information("  {Warning:l}", warning);
            }
        }
        if (BuildLogging.LogFile is { } file)
        {
            Log.Information("Full log: {LogFile}", file);
        }
    }

    private static string Duration(TimeSpan duration) =>
        duration.ToString(@"hh\:mm\:ss\.ff", CultureInfo.InvariantCulture);
}
