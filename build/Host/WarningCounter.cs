using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace XenDemoCD.Build.Host;

/// <summary>Keeps the warnings of the run so the summary at the end can list them.</summary>
public sealed class WarningCounter : ILogEventSink
{
    private readonly ConcurrentQueue<string> warnings = new();

    public IReadOnlyCollection<string> Warnings => warnings;

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level == LogEventLevel.Warning)
        {
            var task = logEvent.Properties.TryGetValue(BuildLogging.TaskProperty, out var t)
                ? t.ToString().Trim('"')
                : "build";
            warnings.Enqueue(
                $"{task}: {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}"
            );
        }
    }

    public void Clear() => warnings.Clear();
}
