using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace XenDemoCD.Build.Tests.Support;

/// <summary>Keeps what the build logged, rendered, so tests can read it.</summary>
public sealed class CollectingSink : ILogEventSink
{
    // Rendered as the console shows it (strings unquoted).
    private static readonly MessageTemplateTextFormatter Formatter = new("{Message:lj}");
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public string Text => string.Join("\n", lines);

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        Formatter.Format(logEvent, writer);
        lines.Enqueue(writer + (logEvent.Exception is { } e ? "\n" + e.Message : ""));
    }
}
