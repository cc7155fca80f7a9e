using XenDemoCD.Build.Host;
using XenDemoCD.Build.IO;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// The cache's Debian part: downloaded packages and the private apt lists beside them. It is
/// shared by every build that points at it; fetches into it happen one build at a time. A
/// build that waited finds the package the other one fetched.
/// </summary>
/// <param name="Directory">the cache directory (<c>--cache</c>)</param>
[OutputNeutral("locks the download cache")]
public sealed record DownloadCache(string Directory)
{
    public string Downloads => Path.Combine(Directory, "downloads");

    public string Apt => Path.Combine(Directory, "apt");

    public Task<FileLock> LockAsync(CancellationToken cancellation) =>
        FileLock.AcquireAsync(
            Path.Combine(Directory, "downloads.lock"),
            "fetching into the download cache",
            cancellation
        );
}
