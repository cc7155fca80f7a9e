using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Stages;

namespace XenDemoCD.Build.Tasks;

/// <summary>Removes every output (stages, object trees); keeps the logs and the download/compiler cache.</summary>
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
        foreach (var entry in new DirectoryInfo(context.Paths.Out).EnumerateFileSystemInfos())
        {
            if (entry.FullName == context.Paths.Logs)
            {
                continue;
            }
            Log.Information("Removing {Path}", entry.FullName);
            if (entry is DirectoryInfo)
            {
                StageDirectory.DeleteIfPresent(entry.FullName);
            }
            else
            {
                entry.Delete();
            }
        }
    }
}
