using Serilog;
using Serilog.Core;
using Serilog.Events;
using XenDemoCD.Build.Progress;

namespace XenDemoCD.Build.Host;

/// <summary>
/// Serilog for the whole run: the console at the chosen verbosity, and a full log file per run
/// (everything, whatever the verbosity) under the log directory, of which the newest are kept.
/// Every event carries the running task as the <c>Task</c> property.
/// </summary>
public static class BuildLogging
{
    public const string TaskProperty = "Task";

    /// <summary>
    /// Marks an event the host has already printed in its own form (the failure block, the
    /// closing line, the dry-run plan): the console sink skips it, the log file keeps it.
    /// </summary>
    public const string PrintedProperty = "Printed";
    private const int LogFilesKept = 20;

    private const string ConsoleTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Task,-16} {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {Task,-16} {Message:lj}{NewLine}{Exception}";

    public static LoggingLevelSwitch ConsoleLevel { get; } = new(LogEventLevel.Information);

    public static WarningCounter Warnings { get; } = new();

    public static string? LogFile { get; private set; }

    /// <summary>Console only, before the command line is understood.</summary>
    public static void ConfigureConsole() =>
        Log.Logger = BaseConfiguration()
            .WriteTo.Conditional(
                NotPrinted,
                c => c.ConsoleWithProgress(ConsoleTemplate, ConsoleLevel)
            )
            .CreateLogger();

    public static void Configure(
        LogEventLevel consoleLevel,
        string? logDirectory,
        IEnumerable<ILogEventSink>? extraSinks = null
    )
    {
        ConsoleLevel.MinimumLevel = consoleLevel;
        var configuration = BaseConfiguration()
            .WriteTo.Conditional(
                NotPrinted,
                c => c.ConsoleWithProgress(ConsoleTemplate, ConsoleLevel)
            );
        foreach (var sink in extraSinks ?? [])
        {
            configuration = configuration.WriteTo.Sink(sink);
        }
        LogFile = null;
        if (logDirectory is not null)
        {
            Directory.CreateDirectory(logDirectory);
            PruneOldLogs(logDirectory);
            var stamp = DateTime.Now.ToString(
                "yyyyMMdd-HHmmss",
                System.Globalization.CultureInfo.InvariantCulture
            );
            LogFile = UniqueLogPath(logDirectory, stamp);
            configuration = configuration.WriteTo.File(LogFile, outputTemplate: FileTemplate);
        }
        var previous = Log.Logger;
        Log.Logger = configuration.CreateLogger();
        (previous as IDisposable)?.Dispose();
    }

    public static LogEventLevel ParseVerbosity(string? value) =>
        (value ?? "normal").ToLowerInvariant() switch
        {
            // Quiet still shows warnings; the run then ends with one line (or the failure block).
            "quiet" or "q" => LogEventLevel.Warning,
            "minimal" or "m" => LogEventLevel.Warning,
            "normal" or "n" => LogEventLevel.Information,
            "verbose" or "v" => LogEventLevel.Debug,
            "diagnostic" or "diag" or "d" => LogEventLevel.Verbose,
            _ => throw new CommandLineException(
                $"Argument '--verbosity={value}' is not a verbosity; use quiet, minimal, normal, verbose or diagnostic."
            ),
        };

    private static bool NotPrinted(LogEvent logEvent) =>
        !logEvent.Properties.ContainsKey(PrintedProperty);

    private static LoggerConfiguration BaseConfiguration() =>
        new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.FromLogContext()
            .Enrich.WithProperty(TaskProperty, "build")
            .WriteTo.Sink(Warnings);

    private static string UniqueLogPath(string directory, string stamp)
    {
        var path = Path.Combine(directory, $"build-{stamp}.log");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(directory, $"build-{stamp}-{n}.log");
        }
        return path;
    }

    private static void PruneOldLogs(string directory)
    {
        var old = new DirectoryInfo(directory)
            .GetFiles("build-*.log")
            .OrderByDescending(f => f.Name, StringComparer.Ordinal)
            .Skip(LogFilesKept - 1);
        foreach (var file in old)
        {
            file.Delete();
        }
    }
}
