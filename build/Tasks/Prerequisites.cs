using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Checks every host tool the planned tasks need before any of them works. As root on Debian it
/// installs what is missing (one <c>apt-get update</c>, one non-interactive install); otherwise it
/// prints the one command that would. Then it fetches the pinned Debian packages the planned
/// stages unpack, so a pin the archive no longer serves fails here, not after a compile.
/// </summary>
[TaskName(nameof(Prerequisites))]
[TaskDescription("Checks (as root on Debian: installs) every host tool the target needs")]
public sealed class Prerequisites : BuildTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        await InstallMissingToolsAsync(context);
        await FetchPinnedPackagesAsync(context);
    }

    private static async Task InstallMissingToolsAsync(BuildContext context)
    {
        var needed = NeededTools(context);
        var missing = needed.Where(t => !HostToolCheck.IsPresent(t)).ToList();
        if (missing.Count == 0)
        {
            Log.Information("All {Count} host tools present", needed.Count);
            context.Outcomes.Note(nameof(Prerequisites), $"{needed.Count} host tools present");
            return;
        }
        var packages = missing
            .Select(t => t.DebianPackage)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var command = $"apt-get install --no-install-recommends {string.Join(' ', packages)}";
        if (!Environment.IsPrivilegedProcess || ToolRunner.Find("apt-get") is null)
        {
            throw new InvalidOperationException(
                $"Missing host tools: {string.Join(", ", missing)}. Install them with:{Environment.NewLine}  sudo {command}"
            );
        }
        Log.Information(
            "Installing {Packages} (missing: {Missing})",
            packages,
            missing.Select(t => t.ToString())
        );
        var tools = context.ToolsFor(nameof(Prerequisites));
        await tools.RunAsync(
            HostTools.AptGet,
            c => c.WithArguments(["update", "-q"]),
            outputLevel: Serilog.Events.LogEventLevel.Debug
        );
        await tools.RunAsync(
            HostTools.AptGet,
            c =>
                c.WithArguments(["install", "-y", "-q", "--no-install-recommends", .. packages])
                    .WithEnvironmentVariables(e => e.Set("DEBIAN_FRONTEND", "noninteractive")),
            new CompileProgress("apt-get install", null).OnLine
        );
        var stillMissing = needed.Where(t => !HostToolCheck.IsPresent(t)).ToList();
        if (stillMissing.Count > 0)
        {
            throw new InvalidOperationException(
                $"After installing {string.Join(' ', packages)}, still missing: {string.Join(", ", stillMissing)}."
            );
        }
        context.Outcomes.Note(nameof(Prerequisites), $"Installed {string.Join(' ', packages)}");
    }

    /// <summary>
    /// Every pinned binary package the running stages will unpack, fetched (or found in the
    /// download cache) now: see <see cref="IFetchesPinnedPackages"/>.
    /// </summary>
    private static async Task FetchPinnedPackagesAsync(BuildContext context)
    {
        var pinFiles = context
            .Plan.Tasks.Where(t => context.Plan.DecisionFor(t, context).ShouldRun)
            .OfType<IFetchesPinnedPackages>()
            .SelectMany(t => t.PinFiles(context))
            .Distinct()
            .ToList();
        var fetcher = new DebianBinaryFetcher(
            context.Paths.Packages,
            context.ToolsFor(nameof(Prerequisites))
        );
        foreach (var pinFile in pinFiles)
        {
            await fetcher.FetchAsync(DebianBinaryPin.Load(pinFile), pinFile);
        }
    }

    public override string Explain(BuildContext context)
    {
        var needed = NeededTools(context);
        var missing = needed.Where(t => !HostToolCheck.IsPresent(t)).ToList();
        return missing.Count == 0
            ? $"would check: all {needed.Count} host tools present"
            : $"would install: {string.Join(", ", missing)}";
    }

    // Tasks a setting skips (e.g. the compile stages under --kernel=debian) need nothing.
    private static List<HostTool> NeededTools(BuildContext context) =>
        context
            .Plan.Tasks.Where(t => context.Plan.DecisionFor(t, context).ShouldRun)
            .SelectMany(t => t.RequiredTools(context))
            .Distinct()
            .ToList();
}
