using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build;

/// <summary>Where everything lives, computed once. Relative paths given by the user are taken from the current directory.</summary>
public sealed record BuildPaths(string Root, string Out, string Cache)
{
    /// <summary>Finished stage outputs, one directory each, replaced atomically.</summary>
    public string Stages => Path.Combine(Out, "stages");

    /// <summary>Kept between runs so compilers rebuild only what changed (object trees).</summary>
    public string Work => Path.Combine(Out, "work");

    public string Logs => Path.Combine(Out, "logs");

    /// <summary>The cache's Debian part: downloads and private apt lists.</summary>
    public DownloadCache Packages => new(Cache);

    public string Ccache => Path.Combine(Cache, "ccache");

    public string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// The cache when <c>--cache</c> is not given (except in an unpacked CD that carries its
    /// sources, which is its own cache): <c>xendemocd</c> under XDG's cache home
    /// (<c>$XDG_CACHE_HOME</c> when it is an absolute path, as the XDG spec demands; else
    /// <c>~/.cache</c>). Like ccache's and NuGet's, it outlives the checkout: every checkout of
    /// the user, and CI's clean clone, reuses the downloads and the compiler cache.
    /// </summary>
    public static string DefaultCacheFor(string root)
    {
        // An unpacked --with-sources CD carries its source archives in its own cache/downloads;
        // its rebuild takes them from there, so it downloads nothing (README, "Unpack").
        var unpackedCache = Path.Combine(root, "cache");
        return
            File.Exists(Path.Combine(root, Unpacking.CdBuildSettings.FileName))
            && Directory.Exists(unpackedCache)
            ? unpackedCache
            : DefaultCache();
    }

    /// <summary>The user's cache: see <see cref="DefaultCacheFor"/>.</summary>
    public static string DefaultCache()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home =
            !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(HomePath.Expand("~"), ".cache");
        return Path.Combine(home, "xendemocd");
    }

    public string StageOutput(string stage) => Path.Combine(Stages, stage);

    public string StageWork(string stage) => Path.Combine(Work, stage);

    /// <summary>
    /// The repository root: <c>XENDEMOCD_ROOT</c> (set by build.sh / build.ps1), else the nearest
    /// directory upwards holding Cake.csproj, else the current directory.
    /// </summary>
    public static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("XENDEMOCD_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        for (
            var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
            dir is not null;
            dir = dir.Parent
        )
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cake.csproj")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
