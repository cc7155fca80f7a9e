using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// An external program failed. The message has everything needed to understand why without
/// opening the log: the task, the full command line, the exit code or signal, and the last lines
/// the program printed.
/// </summary>
[OutputNeutral("reports a failure")]
public sealed class ToolFailedException : Exception, IExpectedFailure
{
    public ToolFailedException(
        string task,
        string commandLine,
        int exitCode,
        IReadOnlyList<string> lastLines
    )
        : base(Describe(task, commandLine, exitCode, lastLines))
    {
        Task = task;
        CommandLine = commandLine;
        ExitCode = exitCode;
        LastLines = lastLines;
    }

    public string Task { get; }
    public string CommandLine { get; }
    public int ExitCode { get; }
    public IReadOnlyList<string> LastLines { get; }

    /// <summary>"exit code 2", or "killed by signal 9 (SIGKILL)" for the 128+N codes a shell reports.</summary>
    public static string DescribeExit(int exitCode) =>
        exitCode > 128 && exitCode < 128 + 65
            ? $"killed by signal {exitCode - 128}{SignalName(exitCode - 128)} (exit code {exitCode})"
            : $"exit code {exitCode}";

    private static string Describe(
        string task,
        string commandLine,
        int exitCode,
        IReadOnlyList<string> lastLines
    )
    {
        var tail =
            lastLines.Count == 0
                ? "(it printed nothing)"
                : string.Join(Environment.NewLine, lastLines.Select(l => "  | " + l));
        return $"{task}: command failed with {DescribeExit(exitCode)}:{Environment.NewLine}"
            + $"  $ {commandLine}{Environment.NewLine}"
            + $"last {lastLines.Count} line(s) of its output:{Environment.NewLine}{tail}";
    }

    private static string SignalName(int signal) =>
        signal switch
        {
            1 => " (SIGHUP)",
            2 => " (SIGINT)",
            6 => " (SIGABRT)",
            9 => " (SIGKILL)",
            11 => " (SIGSEGV)",
            13 => " (SIGPIPE)",
            15 => " (SIGTERM)",
            _ => "",
        };
}
