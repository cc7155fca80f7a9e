using XenDemoCD.Build.IO;
using XenDemoCD.Build.Stages.Code;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// The download cache is shared by every build that points at it; fetches into it (and the
/// private apt lists beside it) happen one build at a time. A build that waited finds the
/// package the other one fetched.
/// </summary>
[OutputNeutral("locks the download cache")]
public static class DownloadCache
{
    public static Task<FileLock> LockAsync(BuildPaths paths, CancellationToken cancellation) =>
        FileLock.AcquireAsync(
            Path.Combine(paths.Cache, "downloads.lock"),
            "fetching into the download cache",
            cancellation
        );
}
