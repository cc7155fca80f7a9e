using System.Runtime.CompilerServices;

namespace XenDemoCD.Build.Stages;

/// <summary>
/// Each stage's manifest, computed once per run (also for the dry run): later stages take it as
/// an input, and the describing may cost an archive query. Kept beside the run's context, which
/// knows nothing of stages.
/// </summary>
public static class StageManifests
{
    private static readonly ConditionalWeakTable<
        BuildContext,
        Dictionary<Type, StageManifest>
    > Runs = [];

    public static async Task<StageManifest> ManifestOfAsync(
        this BuildContext context,
        StageTask stage
    )
    {
        var manifests = Runs.GetOrCreateValue(context);
        if (!manifests.TryGetValue(stage.GetType(), out var manifest))
        {
            manifest = await stage.DescribeAsync(context).ConfigureAwait(false);
            manifests[stage.GetType()] = manifest;
        }
        return manifest;
    }
}
