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
        // Before any task (also for --dryrun): every input file the plan reads, fully parsed.
        InputReview.Run(context.Plan.Tasks, context);
    }

    public override string? ClosingLine(BuildContext context) =>
        context.Tally.Passed + context.Tally.Failed + context.Tally.Skipped > 0
            ? context.Tally.ToString()
            : null;
}
