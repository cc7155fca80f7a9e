using XenDemoCD.Build.Host;

namespace XenDemoCD.Build;

/// <summary>
/// The <c>--cache</c> directory as CleanCache may empty it: like <see cref="OutputDirectory"/>,
/// the build marks the directory when it makes it, so a <c>--cache</c> that names a home, a
/// checkout or a directory of other files by mistake is never emptied.
/// </summary>
public static class CacheDirectory
{
    public const string MarkerName = ".xendemocd-cache";

    /// <summary>Makes <paramref name="path"/> with its marker when it does not exist yet (or is empty).</summary>
    public static void Prepare(string path) =>
        MarkedDirectory.Prepare(
            path,
            MarkerName,
            "This directory is XenDemoCD's download and compiler cache: ./build.sh --target=CleanCache empties it.\n"
        );

    /// <summary>Throws unless <paramref name="paths"/>' cache is the build's to empty.</summary>
    public static void CheckCleanable(BuildPaths paths)
    {
        var cache = Path.GetFullPath(paths.Cache).TrimEnd('/');
        var home = Path.GetFullPath(HomePath.Expand("~")).TrimEnd('/');
        var checkout = Path.GetFullPath(paths.Root).TrimEnd('/');
        if (cache.Length == 0 || cache == home || cache == checkout)
        {
            throw new CleanRefusedException(
                $"--cache={paths.Cache} is {(cache == checkout ? "the checkout" : cache.Length == 0 ? "the file system's root" : "your home directory")}; CleanCache never empties it. Give the build's cache (the default is {BuildPaths.DefaultCache()})."
            );
        }
        if (!File.Exists(Path.Combine(paths.Cache, MarkerName)))
        {
            throw new CleanRefusedException(
                $"--cache={paths.Cache} has no {MarkerName}: the build did not make it (or made it before it marked its caches), so CleanCache leaves it alone. If it is a XenDemoCD cache, remove it yourself (rm -rf '{paths.Cache}'); the next build makes it again, marked."
            );
        }
    }

    /// <summary>What CleanCache removes: everything but the marker and the lock file a running build may hold.</summary>
    public static IReadOnlyList<FileSystemInfo> Entries(BuildPaths paths) =>
        [
            .. new DirectoryInfo(paths.Cache)
                .EnumerateFileSystemInfos()
                .Where(e => e.Name is not MarkerName and not "downloads.lock")
                .OrderBy(e => e.Name, StringComparer.Ordinal),
        ];
}
