using System.Reflection;
using Cake.Core;

namespace XenDemoCD.Build.Host;

/// <summary>
/// The one block a failed run ends with. A failure the user can act on (<see cref="IExpectedFailure"/>,
/// an interrupted run, a malformed ISO or cpio) shows what failed, its message (which says where
/// and the fix) and the log file, without a stack trace; anything else is a bug and is shown
/// with its trace. The log file always gets the exception with its trace.
/// </summary>
public static class FailureReport
{
    /// <summary>The exception a task or the setup threw, out of the wrappers Cake and the runtime put around it.</summary>
    public static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case CakeReportException { InnerException: { } inner }:
                    exception = inner;
                    break;
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    break;
                case AggregateException aggregate
                    when aggregate.Flatten().InnerExceptions is [var only]:
                    exception = only;
                    break;
                default:
                    return exception;
            }
        }
    }

    public static bool IsExpected(Exception exception) =>
        exception
            is IExpectedFailure
                or OperationCanceledException
                or Iso9660.IsoFormatException
                or Cpio.CpioFormatException;

    /// <param name="task">The task that failed; null when it failed before any task (the setup).</param>
    /// <param name="interrupted">Ctrl+C or SIGTERM stopped the run.</param>
    /// <param name="withTrace">The console shows traces (<c>--verbosity=diagnostic</c>).</param>
    public static IReadOnlyList<string> Lines(
        Exception failure,
        string? task,
        string? logFile,
        bool interrupted,
        bool withTrace
    )
    {
        var where = task is null ? "before the first task (setup)" : $"in task {task}";
        var lines = new List<string> { "" };
        if (interrupted && failure is OperationCanceledException)
        {
            lines.Add($"Build interrupted {where}.");
            // What was running when it stopped, e.g. "Hypervisor: interrupted while running: make …".
            lines.AddRange(Indented(failure.Message));
            lines.Add(
                "  Stopped by Ctrl+C or SIGTERM; finished stages are kept, so running the same command again goes on from here."
            );
        }
        else if (IsExpected(failure))
        {
            lines.Add($"Build failed {where}:");
            lines.AddRange(Indented(withTrace ? failure.ToString() : failure.Message));
        }
        else
        {
            lines.Add($"Build failed {where} with an unexpected {failure.GetType().Name}:");
            lines.AddRange(Indented(failure.ToString()));
            lines.Add(
                logFile is null
                    ? "This is a bug in XenDemoCD; please report it with the output above."
                    : $"This is a bug in XenDemoCD; please report it with the log file {logFile}"
            );
            return lines;
        }
        lines.Add(logFile is null ? "No log file was written." : $"Log file: {logFile}");
        return lines;
    }

    private static IEnumerable<string> Indented(string text) =>
        text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Select(line => "  " + line);
}
