using System.Text;
using CliWrap;
using CliWrap.Exceptions;
using Serilog;
using Serilog.Events;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// Runs every external program of the build through CliWrap: output streamed line by line into
/// the log (the console shows it at --verbosity=verbose, the log file always), the exit code
/// checked, interrupts passed on (SIGINT first, then a kill), and a failure explained.
/// </summary>
[OutputNeutral("runs the tools a stage names, with the arguments the stage gives")]
public sealed class ToolRunner(string task, CancellationToken graceful, CancellationToken forceful)
{
    /// <summary>Cancelled when the user interrupts the build (the first Ctrl+C).</summary>
    public CancellationToken Cancellation => graceful;

    /// <summary>Run a tool to completion; throws <see cref="ToolFailedException"/> on a non-zero exit.</summary>
    public async Task RunAsync(
        HostTool tool,
        Func<Command, Command> configure,
        Action<string>? onLine = null,
        LogEventLevel outputLevel = LogEventLevel.Debug,
        Action<string>? onStandardOutputLine = null
    )
    {
        var tail = new OutputTail();
        void Line(string line)
        {
            Log.Write(outputLevel, "{Tool}: {Line:l}", tool.Program, line);
            onLine?.Invoke(line);
        }

        void OutputLine(string line)
        {
            tail.Add(line, isError: false);
            Line(line);
            onStandardOutputLine?.Invoke(line);
        }

        void ErrorLine(string line)
        {
            tail.Add(line, isError: true);
            Line(line);
        }

        var configured = configure(Cli.Wrap(Resolve(tool)));
        var command = configured
            .WithEnvironmentVariables(WithFixedLocale(configured.EnvironmentVariables))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(OutputLine, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(ErrorLine, Encoding.UTF8))
            .WithValidation(CommandResultValidation.None);
        var commandLine = Render(tool, command);
        Log.Debug("$ {CommandLine:l}", commandLine);

        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(forceful, graceful).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new OperationCanceledException(
                $"{task}: interrupted while running: {commandLine}"
            );
        }
        catch (CliWrapException e)
        {
            throw new ToolFailedException(task, commandLine, -1, [e.Message]);
        }
        if (result.ExitCode != 0)
        {
            throw new ToolFailedException(task, commandLine, result.ExitCode, tail.Lines());
        }
    }

    /// <summary>Run a short command and return its standard output (for version queries and the like).</summary>
    public async Task<string> CaptureAsync(HostTool tool, Func<Command, Command> configure)
    {
        var output = new StringBuilder();
        await RunAsync(
                tool,
                configure,
                outputLevel: LogEventLevel.Verbose,
                onStandardOutputLine: line => output.AppendLine(line)
            )
            .ConfigureAwait(false);
        return output.ToString();
    }

    /// <summary>
    /// Every tool runs in the C.UTF-8 locale and in UTC, whatever the user's settings: their
    /// output is parsed, recorded in stage manifests and sometimes written into the CD, and a
    /// German locale or another time zone must change none of that. A tool's own settings win.
    /// </summary>
    private static Dictionary<string, string?> WithFixedLocale(
        IReadOnlyDictionary<string, string?> configured
    )
    {
        var environment = new Dictionary<string, string?>(configured, StringComparer.Ordinal)
        {
            ["LANGUAGE"] = null,
        };
        environment.TryAdd("LC_ALL", "C.UTF-8");
        environment.TryAdd("TZ", "UTC");
        return environment;
    }

    /// <summary>The full path of a program on PATH (or an explicit path), or null.</summary>
    public static string? Find(string program)
    {
        if (program.Contains('/'))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file)
        && (
            OperatingSystem.IsWindows()
            || (
                File.GetUnixFileMode(file)
                & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)
            ) != 0
        );

    private string Resolve(HostTool tool) =>
        (tool.Program is { } program ? Find(program) : null)
        ?? throw new ToolNotFoundException(tool, task);

    private static string Render(HostTool tool, Command command)
    {
        var prefix =
            command.WorkingDirPath is { Length: > 0 } dir && dir != Directory.GetCurrentDirectory()
                ? $"(cd {dir} && "
                : "";
        var line = $"{tool.Program} {command.Arguments}".TrimEnd();
        return prefix.Length > 0 ? prefix + line + ")" : line;
    }
}
