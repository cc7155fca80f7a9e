using Serilog;
using Serilog.Events;

namespace XenDemoCD.Build.Host;

/// <summary>
/// Lines the host prints itself, whatever the verbosity (the dry-run plan, the closing line,
/// the failure block): on the console as they are, without the log prefix, and in the log
/// file (and the other sinks) as ordinary events.
/// </summary>
public static class DirectOutput
{
    public static void Line(string text)
    {
        Console.Out.WriteLine(text);
        Logged().Information("{Line:l}", text);
    }

    /// <summary>A failure block on stderr; the log gets it with the exception and its trace.</summary>
    public static void Error(IReadOnlyList<string> lines, Exception? exception)
    {
        foreach (var line in lines)
        {
            Console.Error.WriteLine(line);
        }
        Logged().Write(LogEventLevel.Error, exception, "{Block:l}", string.Join('\n', lines));
    }

    // Log.Logger is replaced when the log file opens, so the marked logger is made per call.
    private static ILogger Logged() => Log.ForContext(BuildLogging.PrintedProperty, true);
}
