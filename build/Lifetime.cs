using Cake.Core;
using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Testing;

namespace XenDemoCD.Build;

/// <summary>A one-screen summary of what this run will build, before any work.</summary>
public sealed class Lifetime : BuildLifetime<BuildContext>
{
    private const string OutputLockName = ".xendemocd-lock";

    private FileLock? outputLock;

    public override void Setup(BuildContext context, ISetupContext info)
    {
        if (!context.DryRun)
        {
            // Object trees and stage directories are per output directory: two builds in one
            // would compile over each other. The cache is shared safely (its own locks, ccache's).
            var lockFile = Path.Combine(context.Paths.Out, OutputLockName);
            outputLock =
                FileLock.TryAcquire(lockFile)
                ?? throw new OutputInUseException(
                    $"another build is running in {context.Paths.Out} (it holds {lockFile}); wait for it to finish, or give this one its own --out=DIR"
                );
        }
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
        if (!context.DryRun && info.TargetTask.Name != nameof(Tasks.CleanCache))
        {
            CacheDirectory.Prepare(context.Paths.Cache);
        }
        var oldCache = context.Paths.InRoot("cache");
        if (context.Paths.Cache != oldCache && Directory.Exists(oldCache))
        {
            // Before the cache moved out of the checkout, it lived here; nothing reads it now.
            Log.Warning(
                "{OldCache} is the cache of an older build and is no longer used (the cache is now {Cache}): remove it, or pass --cache={OldCache} to keep using it",
                oldCache,
                context.Paths.Cache
            );
        }
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
        if (settings.Distcc.Count > 0)
        {
            Log.Information(
                "distcc hosts: {Hosts:l} (each checked before the first compile), and {Jobs} jobs here",
                string.Join(", ", settings.Distcc.Select(h => h.HostsEntry)),
                settings.Jobs
            );
        }
        // Before any task (also for --dryrun): every input file the plan reads, fully parsed.
        InputReview.Run(context.Plan, context);
    }

    public override void Teardown(BuildContext context, ITeardownContext info) =>
        outputLock?.Dispose();

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

/// <summary>Another build holds the output directory; the message says which and what to do.</summary>
public sealed class OutputInUseException(string message) : Exception(message), IExpectedFailure;
