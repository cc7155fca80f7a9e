using System.Diagnostics;
using System.Text.RegularExpressions;
using Serilog;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// Turns a kbuild-style compile log ("  CC      arch/x86/mm.o") into a progress line every few
/// seconds. The object count of the last complete build makes it a percentage.
/// </summary>
public sealed partial class CompileProgress(string what, int? expectedObjects)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly Stopwatch sinceReport = Stopwatch.StartNew();
    private readonly Stopwatch total = Stopwatch.StartNew();
    private string directory = "";

    public int Objects { get; private set; }

    public void OnLine(string line)
    {
        var match = BuildStep().Match(line);
        if (!match.Success)
        {
            return;
        }
        lock (sinceReport)
        {
            Objects++;
            directory = Path.GetDirectoryName(match.Groups[2].Value) ?? "";
            if (sinceReport.Elapsed < Interval)
            {
                return;
            }
            sinceReport.Restart();
        }
        // A count past the recorded one means the record is stale (an incremental first run):
        // a percentage would lie, so only the count is shown.
        if (expectedObjects is > 0 and var expected && Objects <= expected)
        {
            Log.Information(
                "{What}: {Percent,3}% ({Objects}/{Expected} steps, {Elapsed:h\\:mm\\:ss}) in {Directory}",
                what,
                Objects * 100 / expected,
                Objects,
                expected,
                total.Elapsed,
                directory
            );
        }
        else
        {
            Log.Information(
                "{What}: {Objects} steps ({Elapsed:h\\:mm\\:ss}) in {Directory}",
                what,
                Objects,
                total.Elapsed,
                directory
            );
        }
    }

    [GeneratedRegex(@"^\s+(CC|AS|LD|AR|CPP|HOSTCC|HOSTLD|OBJCOPY|GEN|CHK|UPD|INSTALL)\s+(\S+)")]
    private static partial Regex BuildStep();
}
