using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Removes the build's outputs (stages, object trees, boot-test and run scratch, the ISO links);
/// keeps the logs, the download/compiler cache and anything else. Refuses an output directory
/// the build did not make (see <see cref="OutputDirectory"/>), the checkout and the home.
/// </summary>
[TaskName(nameof(Clean))]
[TaskDescription("Removes the outputs under out/ (keeps out/logs and the cache)")]
public sealed class Clean : BuildTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        if (!Directory.Exists(context.Paths.Out))
        {
            return;
        }
        OutputDirectory.CheckCleanable(context.Paths);
        MarkedDirectory.Remove(OutputDirectory.BuildOutputs(context.Paths));
    }
}
