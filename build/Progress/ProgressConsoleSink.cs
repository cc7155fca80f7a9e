using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace XenDemoCD.Build.Progress;

/// <summary>
/// Serilog's console sink with the live progress line: on an interactive terminal each log line
/// is written around the line, and the progress events themselves stay off the console (the
/// line shows them; the log file still gets them). Anywhere else, the console is as before and
/// shows the throttled progress events.
/// </summary>
public sealed class ProgressConsoleSink(
    ILogEventSink console,
    LiveLine live,
    LoggingLevelSwitch level
) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        // Checked here, not only in the console sink: erasing and redrawing the line for every
        // debug line the console then drops would make it flicker.
        if (
            logEvent.Level < level.MinimumLevel
            || logEvent.Properties.ContainsKey(StepProgress.EventProperty)
        )
        {
            return;
        }
        live.WriteAround(() => console.Emit(logEvent));
    }
}

public static class ProgressConsoleConfiguration
{
    /// <summary>The console at <paramref name="level"/>, errors on standard error, with the live progress line when there is one.</summary>
    public static LoggerConfiguration ConsoleWithProgress(
        this LoggerSinkConfiguration writeTo,
        string outputTemplate,
        LoggingLevelSwitch level
    )
    {
        void Console(LoggerSinkConfiguration c) =>
            c.Console(
                outputTemplate: outputTemplate,
                levelSwitch: level,
                standardErrorFromLevel: LogEventLevel.Error
            );
        if (LiveLine.Current is { } live)
        {
            return writeTo.Sink(
                new ProgressConsoleSink(LoggerSinkConfiguration.CreateSink(Console), live, level)
            );
        }
        return writeTo.Console(
            outputTemplate: outputTemplate,
            levelSwitch: level,
            standardErrorFromLevel: LogEventLevel.Error
        );
    }
}
