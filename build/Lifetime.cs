using Cake.Core;
using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build;

/// <summary>A one-screen summary of what this run will build, before any work.</summary>
public sealed class Lifetime : BuildLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info)
    {
        Log.Information(
            "XenDemoCD build: target {Target}; tasks {Tasks}",
            info.TargetTask.Name,
            string.Join(" → ", info.TasksToExecute.Select(t => t.Name))
        );
        Log.Information(
            "Root {Root}; output {Out}; cache {Cache}; {Jobs} jobs",
            context.Paths.Root,
            context.Paths.Out,
            context.Paths.Cache,
            context.Settings.Jobs
        );
        Log.Information(
            "SOURCE_DATE_EPOCH {Epoch} ({Date:yyyy-MM-dd HH:mm:ss} UTC, from {Origin})",
            context.Settings.SourceDateEpoch,
            context.Settings.SourceDate.UtcDateTime,
            context.Settings.SourceDateEpochOrigin
        );
        var settings = context.Settings;
        // What defines the CD, so a log (or a screenshot of the console) says what was built.
        Log.Information(
            "Kernel {Kernel:l}, hypervisor {Hypervisor:l}; version {Version:l}, builder {Builder:l}; {Sources:l}",
            Origin(settings.Kernel, settings.KernelRecord),
            Origin(settings.Hypervisor, settings.HypervisorRecord),
            settings.VersionId,
            settings.Builder,
            settings.Release ? "release (with sources)"
                : settings.WithSources ? "with sources"
                : "without sources"
        );
        if (info.TasksToExecute.Any(t => t.Name == nameof(Tasks.BootTest)))
        {
            Log.Information(
                "Boot cases: {Cases:l}",
                string.Join(", ", settings.BootCases.Select(c => c.Name))
            );
        }
        // Before any task (also for --dryrun): every input file the plan reads, fully parsed.
        InputReview.Run(context.Plan, context);
    }

    /// <summary>prebuilt names how the unpacked CD's files were made, when it recorded that.</summary>
    private static string Origin(ImageOrigin origin, string record)
    {
        var name = origin.ToString().ToLowerInvariant();
        return record == name ? name : $"{name} ({record} on the CD unpacked)";
    }

    public override string? ClosingLine(BuildContext context) =>
        context.Tally.Passed + context.Tally.Failed + context.Tally.Skipped > 0
            ? context.Tally.ToString()
            : null;
}
