using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

/// <summary>Where the shared cache lives, and which directories CleanCache refuses to empty.</summary>
[Collection(SerialCollection.Name)] // sets XDG_CACHE_HOME for the process
public sealed class CacheDirectoryTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", xdg);
        temp.Dispose();
    }

    [Fact]
    public void The_default_cache_is_under_an_absolute_xdg_cache_home()
    {
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", temp.Combine("xdg"));

        Assert.Equal(temp.Combine("xdg", "xendemocd"), BuildPaths.DefaultCache());
    }

    [Fact]
    public void A_relative_xdg_cache_home_is_ignored_as_the_spec_says_and_home_dot_cache_is_used()
    {
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "relative/cache");

        Assert.Equal(
            Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".cache", "xendemocd"),
            BuildPaths.DefaultCache()
        );
    }

    [Fact]
    public void An_unpacked_cd_that_carries_its_sources_is_its_own_cache_and_a_checkout_is_not()
    {
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", temp.Combine("xdg"));
        var unpacked = temp.Combine("unpacked");
        Directory.CreateDirectory(Path.Combine(unpacked, "cache", "downloads"));
        File.WriteAllText(Path.Combine(unpacked, "build-settings.json"), "{}");
        var checkout = temp.Combine("checkout");
        Directory.CreateDirectory(Path.Combine(checkout, "cache"));

        Assert.Equal(Path.Combine(unpacked, "cache"), BuildPaths.DefaultCacheFor(unpacked));
        Assert.Equal(temp.Combine("xdg", "xendemocd"), BuildPaths.DefaultCacheFor(checkout));
    }

    [Fact]
    public void A_cache_the_build_made_is_cleanable_and_keeps_its_marker_and_lock()
    {
        var cache = temp.Combine("cache");
        CacheDirectory.Prepare(cache);
        Directory.CreateDirectory(Path.Combine(cache, "ccache", "a"));
        File.WriteAllText(Path.Combine(cache, "downloads.lock"), "");

        var paths = new BuildPaths(temp.Combine("checkout"), temp.Combine("out"), cache);
        CacheDirectory.CheckCleanable(paths);

        Assert.Equal(["ccache"], CacheDirectory.Entries(paths).Select(e => e.Name));
    }

    [Fact]
    public void A_directory_the_build_did_not_make_is_refused_naming_the_fix()
    {
        var other = temp.Combine("photos");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "a.jpg"), "");
        CacheDirectory.Prepare(other); // has content: stays unmarked

        var refused = Assert.Throws<CleanRefusedException>(() =>
            CacheDirectory.CheckCleanable(
                new BuildPaths(temp.Combine("checkout"), temp.Combine("out"), other)
            )
        );

        Assert.Contains("has no .xendemocd-cache", refused.Message);
        Assert.Contains($"rm -rf '{other}'", refused.Message);
    }

    [Fact]
    public void The_home_directory_is_refused_even_when_marked()
    {
        var home = Environment.GetEnvironmentVariable("HOME")!;

        var refused = Assert.Throws<CleanRefusedException>(() =>
            CacheDirectory.CheckCleanable(
                new BuildPaths(temp.Combine("checkout"), temp.Combine("out"), home)
            )
        );

        Assert.Contains("your home directory", refused.Message);
    }
}
