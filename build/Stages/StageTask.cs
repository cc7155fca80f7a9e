using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Stages.Code;

namespace XenDemoCD.Build.Stages;

/// <summary>
/// A task that produces files: it declares its inputs in a manifest, is skipped as up to date
/// when the manifest equals that of its last successful run, and otherwise builds into a
/// temporary directory that is renamed into place when complete.
/// </summary>
public abstract class StageTask : BuildTask<BuildContext>
{
    public string Name => TaskDefinition<BuildContext>.NameOf(GetType());

    /// <summary>Declares every input that decides the output.</summary>
    protected abstract Task DescribeInputsAsync(BuildContext context, StageManifest manifest);

    /// <summary>Writes the stage's output into <paramref name="output"/> (an empty temporary directory).</summary>
    protected abstract Task BuildAsync(BuildContext context, string output);

    public StageDirectory OutputOf(BuildContext context) => new(context.Paths.StageOutput(Name));

    /// <summary>After a build or an up-to-date check: make the complete output visible where users look for it.</summary>
    protected virtual void Publish(BuildContext context, string output) { }

    /// <summary>
    /// A manual override, for a change in behaviour that is not in the code the stage runs (its
    /// code is an input already, see <see cref="StageCode"/>): bumping it makes outputs of
    /// earlier runs out of date.
    /// </summary>
    protected virtual int CodeRevision => 1;

    internal async Task<StageManifest> DescribeAsync(BuildContext context)
    {
        var manifest = new StageManifest();
        manifest.Add(
            "code revision",
            CodeRevision.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
        foreach (var (name, hash) in StageCode.Of(GetType()))
        {
            manifest.Add(name, hash);
        }
        await DescribeInputsAsync(context, manifest).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>The manifest of another stage, as an input of this one.</summary>
    protected static async Task AddUpstreamAsync<TStage>(
        BuildContext context,
        StageManifest manifest
    )
        where TStage : StageTask, new()
    {
        var upstream = new TStage();
        manifest.AddUpstream(
            upstream.Name,
            await context.ManifestOfAsync(upstream).ConfigureAwait(false)
        );
    }

    public sealed override async Task RunAsync(BuildContext context)
    {
        var (upToDate, why) = await CheckAsync(context).ConfigureAwait(false);
        if (upToDate)
        {
            Log.Information("Up to date ({Why})", why);
            context.Outcomes.Note(Name, "Up to date");
            Publish(context, OutputOf(context).Path);
            return;
        }
        Log.Information("Building: {Why}", why);
        var output = OutputOf(context);
        var started = DateTime.UtcNow;
        await BuildAsync(context, output.BeginAttempt()).ConfigureAwait(false);
        output.Commit(await context.ManifestOfAsync(this).ConfigureAwait(false));
        Publish(context, output.Path);
        Log.Information(
            "Built {Output} in {Elapsed:mm\\:ss}",
            output.Path,
            DateTime.UtcNow - started
        );
        context.Outcomes.Note(Name, $"Built ({why})");
    }

    public override string Explain(BuildContext context)
    {
        var (upToDate, why) = CheckAsync(context).GetAwaiter().GetResult();
        return upToDate ? $"up to date, nothing to do ({why})" : $"would build: {why}";
    }

    private async Task<(bool UpToDate, string Why)> CheckAsync(BuildContext context)
    {
        var manifest = await context.ManifestOfAsync(this).ConfigureAwait(false);
        var previous = OutputOf(context).ReadCommittedManifest();
        if (previous is null)
        {
            return (false, "no complete output yet");
        }
        if (context.Settings.IsForced(Name))
        {
            return (false, "--force");
        }
        var changes = manifest.DifferencesFrom(previous);
        if (changes.Count == 0)
        {
            return (true, $"{manifest.Inputs.Count} inputs unchanged");
        }
        if (changes.Count > ReasonsShown)
        {
            // An edit of the build system changes dozens of inputs of the stages that carry it;
            // the report names a few, the log file has them all.
            Log.Debug(
                "{Stage}: every changed input: {Changes:l}",
                Name,
                string.Join("; ", changes)
            );
            return (
                false,
                $"{string.Join("; ", changes.Take(ReasonsShown))}; and {changes.Count - ReasonsShown} more inputs changed"
            );
        }
        return (false, string.Join("; ", changes));
    }

    private const int ReasonsShown = 5;
}
