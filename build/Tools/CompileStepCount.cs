using System.Globalization;
using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// How many steps a compile is expected to take, for its percentage: the count this machine's
/// last full build recorded (<see cref="CompilerSetup.ReadStepCount"/>), or on a first build the
/// estimate kept in the repository beside the source pin (<c>compile-steps.json</c>), which
/// applies only to the package and version it was measured on.
/// </summary>
[OutputNeutral("counts steps for the progress bar")]
public static class CompileStepCount
{
    public const string EstimateFile = "compile-steps.json";

    public static int? Expected(string work, string estimateFile, string package, string version)
    {
        if (CompilerSetup.ReadStepCount(work) is { } recorded)
        {
            Log.Debug("Expecting {Steps} compile steps, as the last build here took", recorded);
            return recorded;
        }
        if (Estimate(estimateFile, package, version) is { } estimate)
        {
            Log.Information(
                "First build here: expecting about {Steps} compile steps ({File}, {Package} {Version})",
                estimate,
                estimateFile,
                package,
                version
            );
            return estimate;
        }
        return null;
    }

    /// <summary>The estimate <paramref name="estimateFile"/> holds for this package and version; null when it is absent or for another source.</summary>
    public static int? Estimate(string estimateFile, string package, string version)
    {
        if (!File.Exists(estimateFile))
        {
            return null;
        }
        var document = InputJson.Load<Document>(estimateFile);
        if (document.Package != package || document.Version != version)
        {
            // The pin moved on: the old count would be a guess about a different tree.
            Log.Debug(
                "{File} is for {Package} {Version}, not the pinned {Pinned}; no percentage on a first build",
                estimateFile,
                document.Package,
                document.Version,
                version
            );
            return null;
        }
        if (document.Steps is not > 0)
        {
            throw new InputFileException(
                estimateFile,
                $"field 'steps' is {document.Steps?.ToString(CultureInfo.InvariantCulture) ?? "missing"}",
                "set it to the step count of a cold build, or delete the file"
            );
        }
        return document.Steps;
    }

    private sealed record Document(string? Package, string? Version, int? Steps);
}
