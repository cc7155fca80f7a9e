using System.Globalization;
using Cake.Core.Diagnostics;
using Serilog;
using Serilog.Events;

namespace XenDemoCD.Build.Host;

/// <summary>
/// Cake's own messages (and those of Cake.Common aliases) go through Serilog like ours. Cake
/// writes composite format strings, not message templates, so they are formatted first.
/// </summary>
public sealed class SerilogCakeLog : ICakeLog
{
    private const string FailedTaskMessage = "An error occurred when executing task";

    public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        var text =
            args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
        var serilogLevel = level switch
        {
            // The host's failure block names the task; Cake's own line would only repeat it.
            LogLevel.Error when format.StartsWith(FailedTaskMessage, StringComparison.Ordinal) =>
                LogEventLevel.Debug,
            LogLevel.Fatal => LogEventLevel.Fatal,
            LogLevel.Error => LogEventLevel.Error,
            LogLevel.Warning => LogEventLevel.Warning,
            LogLevel.Information when verbosity <= Verbosity.Normal => LogEventLevel.Information,
            LogLevel.Information or LogLevel.Verbose => LogEventLevel.Debug,
            _ => LogEventLevel.Verbose,
        };
        Log.Write(serilogLevel, "{CakeMessage:l}", text);
    }
}
