namespace XenDemoCD.Build.Tests.Support;

/// <summary>
/// The download and compiler cache the tests' own builds share with the build that runs them:
/// the one UnitTests/IntegrationTests pass in <c>XENDEMOCD_CACHE</c>, else the build's default
/// (<c>~/.cache/xendemocd</c>), so a test fetches and compiles only what no build has before.
/// </summary>
public static class SharedCache
{
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("XENDEMOCD_CACHE") is { Length: > 0 } cache
            ? System.IO.Path.GetFullPath(cache)
            : BuildPaths.DefaultCache();
}
