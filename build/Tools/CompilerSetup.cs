using System.Globalization;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// What the Xen and Linux compiles share: a reproducible environment with ccache, the compiler
/// version as a manifest input, and the step count of the last full build for the progress bar.
/// </summary>
public static class CompilerSetup
{
    private const string CcacheBin = "/usr/lib/ccache";
    private const string StepCountFile = ".steps";

    /// <summary>
    /// C locale, SOURCE_DATE_EPOCH, and ccache: its directory of gcc/cc links comes first on
    /// PATH so make's plain <c>gcc</c> goes through the cache, with paths relative to the output
    /// directory so a clean build elsewhere still hits.
    /// </summary>
    public static Dictionary<string, string?> Environment(CompileSettings settings)
    {
        var path = System.Environment.GetEnvironmentVariable("PATH");
        return new Dictionary<string, string?>
        {
            ["SOURCE_DATE_EPOCH"] = settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture),
            ["LC_ALL"] = "C",
            ["PATH"] = Directory.Exists(CcacheBin) ? CcacheBin + Path.PathSeparator + path : path,
            ["CCACHE_DIR"] = settings.CcacheDirectory,
            ["CCACHE_BASEDIR"] = settings.CcacheBase,
            ["CCACHE_NOHASHDIR"] = "1",
            ["CCACHE_COMPILERCHECK"] = "content",
        };
    }

    /// <summary>The date compilers stamp into images, as `date -u` prints it.</summary>
    public static string BuildDate(CompileSettings settings) =>
        DateTimeOffset
            .FromUnixTimeSeconds(settings.SourceDateEpoch)
            .UtcDateTime.ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);

    public static async Task<string> CompilerVersionAsync(ToolRunner tools)
    {
        if (ToolRunner.Find("gcc") is null)
        {
            return "(not installed)";
        }
        var version = await tools.CaptureAsync(HostTools.Gcc, c => c.WithArguments(["--version"]));
        return version.Split('\n')[0].Trim();
    }

    /// <summary>The number of steps of the last full build in <paramref name="work"/>, if any.</summary>
    public static int? ReadStepCount(string work)
    {
        var file = Path.Combine(work, StepCountFile);
        return
            File.Exists(file)
            && int.TryParse(File.ReadAllText(file), CultureInfo.InvariantCulture, out var steps)
            ? steps
            : null;
    }

    /// <summary>Keeps the largest count seen: the full build's; an incremental one must not shrink it.</summary>
    public static void RecordStepCount(string work, int steps) =>
        File.WriteAllText(
            Path.Combine(work, StepCountFile),
            Math.Max(steps, ReadStepCount(work) ?? 0).ToString(CultureInfo.InvariantCulture)
        );
}

/// <summary>What a reproducible compile takes from the run.</summary>
/// <param name="SourceDateEpoch">the date stamped into the images</param>
/// <param name="CcacheDirectory">ccache's cache</param>
/// <param name="CcacheBase">the output directory: ccache hashes paths under it relative, so a
/// clean build elsewhere still hits</param>
public sealed record CompileSettings(
    long SourceDateEpoch,
    string CcacheDirectory,
    string CcacheBase
);
