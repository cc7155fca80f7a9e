using System.Diagnostics;
using System.Globalization;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.Tools;

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

    /// <summary>
    /// The paths <c>git ls-files -z</c> prints with <paramref name="options"/> (relative, forward
    /// slashes, as git stores them); null when <paramref name="repository"/> is no git checkout.
    /// A checkout git cannot read (git missing, a damaged index) is an error, not an empty list.
    /// </summary>
    public static IReadOnlyList<string>? ListFiles(string repository, params string[] options)
    {
        // A worktree's or a submodule's .git is a file naming the real one.
        if (!Path.Exists(Path.Combine(repository, ".git")))
        {
            return null;
        }
        var start = new ProcessStartInfo("git", ["-C", repository, "ls-files", "-z", .. options])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var git =
            (Tools.ToolRunner.Find("git") is null ? null : Process.Start(start))
            ?? throw new InputFileException(
                Path.Combine(repository, ".git"),
                "git is not installed, so the build cannot tell which files of this checkout are tracked",
                "install git (apt-get install git)"
            );
        var error = git.StandardError.ReadToEndAsync();
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InputFileException(
                Path.Combine(repository, ".git"),
                $"git ls-files exited {git.ExitCode}: {error.Result.Trim()}",
                "repair the checkout (git status tells what is wrong)"
            );
        }
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }

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
