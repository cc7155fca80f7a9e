using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Empties the download and compiler cache (<c>--cache</c>, default
/// <c>~/.cache/xendemocd</c>) that every checkout of the user shares. Waits for a build that is
/// fetching into it; refuses a directory the build did not make (<see cref="CacheDirectory"/>).
/// The next build downloads the pinned packages again and compiles cold.
/// </summary>
[TaskName(nameof(CleanCache))]
[TaskDescription("Empties the download and compiler cache shared by every checkout")]
public sealed class CleanCache : BuildTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        if (!Directory.Exists(context.Paths.Cache))
        {
            Log.Information("No cache at {Cache}: nothing to remove", context.Paths.Cache);
            return;
        }
        CacheDirectory.CheckCleanable(context.Paths);
        using var fetches = await context.Paths.Packages.LockAsync(context.Cancellation);
        MarkedDirectory.Remove(CacheDirectory.Entries(context.Paths));
    }
}
