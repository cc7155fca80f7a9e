using System.Diagnostics;
using System.Globalization;

namespace XenDemoCD.Build;

/// <summary>The committer time of HEAD, the default SOURCE_DATE_EPOCH.</summary>
public static class GitCommitTime
{
    public static long? Read(string repository)
    {
        if (
            !Directory.Exists(Path.Combine(repository, ".git"))
            || Tools.ToolRunner.Find("git") is null
        )
        {
            return null;
        }
        // Process, not the tool runner: this runs while the context is made, before logging of
        // tasks, and a missing history is an answer here, not a failure.
        var start = new ProcessStartInfo("git", ["-C", repository, "log", "-1", "--format=%ct"])
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
        return
            git.ExitCode == 0
            && long.TryParse(output, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? epoch
            : null;
    }
}
