using System.Diagnostics;
using System.Globalization;

namespace XenDemoCD.Build;

/// <summary>What git says about the checkout: the defaults of SOURCE_DATE_EPOCH, the version and the builder.</summary>
public static class GitInfo
{
    /// <summary>The committer time of the last commit that touched <paramref name="paths"/> (all of HEAD when none).</summary>
    public static long? CommitTime(string repository, params string[] paths) =>
        Query(repository, ["log", "-1", "--format=%ct", "--", .. paths]) is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? epoch
            : null;

    public static string? Describe(string repository) =>
        Query(repository, "describe", "--tags", "--always");

    public static string? UserName(string repository) => Query(repository, "config", "user.name");

    private static string? Query(string repository, params string[] arguments)
    {
        if (
            !Directory.Exists(Path.Combine(repository, ".git"))
            || Tools.ToolRunner.Find("git") is null
        )
        {
            return null;
        }
        // Process, not the tool runner: this runs while the context is made, and a missing answer
        // (no history, no user name) is an answer here, not a failure.
        var start = new ProcessStartInfo("git", ["-C", repository, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var git = Process.Start(start);
        if (git is null)
        {
            return null;
        }
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 && output.Length > 0 ? output : null;
    }
}
