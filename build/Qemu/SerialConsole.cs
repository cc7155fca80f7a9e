using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using CliWrap;
using XenDemoCD.Build.Progress;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// Drives a VM through its serial console: everything it prints is kept (raw in a log file, and
/// as text without terminal escapes for matching), and keys are typed into its standard input.
/// What leaves it (the log file, <see cref="Tail"/>) has the secrets of its
/// <see cref="SecretMask"/> masked; the text it matches against is whole.
/// </summary>
public sealed class SerialConsole : IAsyncDisposable
{
    private const int TypingChunk = 8;
    private static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(40);
    private readonly StringBuilder text = new();
    private readonly Channel<string> keys = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource stop = new();
    private readonly MaskedLogWriter log;
    private readonly Task<CommandResult> run;
    private readonly StepProgress progress;
    private readonly StringBuilder unfinishedLine = new();
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<TimedLine> lines = [];
    private readonly List<string> errorLines = [];
    private string lastLine = "";
    private string? fault;
    private string? panic;
    private int searchFrom;
    private int linesAtLastMatch;

    private SerialConsole(
        string program,
        IReadOnlyList<string> arguments,
        string logFile,
        SecretMask mask
    )
    {
        Mask = mask;
        log = new MaskedLogWriter(logFile, mask);
        // The log is named for the boot case ("bios-cd.serial.log").
        progress = new StepProgress(
            "Boot "
                + Path.GetFileName(logFile).Replace(".serial.log", "", StringComparison.Ordinal),
            ProgressUnit.Of("")
        );
        run = Cli.Wrap(program)
            .WithArguments(arguments)
            .WithStandardInputPipe(
                PipeSource.Create(
                    async (destination, token) =>
                    {
                        await foreach (var input in keys.Reader.ReadAllAsync(token))
                        {
                            // Typed like a person: the emulated UART's 16-byte FIFO drops
                            // what a busy, emulated guest does not read in time.
                            var bytes = Encoding.ASCII.GetBytes(input);
                            for (var offset = 0; offset < bytes.Length; offset += TypingChunk)
                            {
                                var length = Math.Min(TypingChunk, bytes.Length - offset);
                                await destination.WriteAsync(bytes.AsMemory(offset, length), token);
                                await destination.FlushAsync(token);
                                await Task.Delay(TypingPause, token);
                            }
                        }
                    }
                )
            )
            .WithStandardOutputPipe(
                PipeTarget.Create(
                    async (source, token) =>
                    {
                        var buffer = new byte[4096];
                        var console = new ConsoleText();
                        int read;
                        while ((read = await source.ReadAsync(buffer, token)) > 0)
                        {
                            var (printed, clean) = console.Append(buffer.AsSpan(0, read));
                            await log.WriteAsync(printed);
                            lock (text)
                            {
                                text.Append(clean);
                                FollowLastLine(clean);
                            }
                        }
                    }
                )
            )
            .WithStandardErrorPipe(
                PipeTarget.Create(
                    async (source, token) =>
                    {
                        using var reader = new StreamReader(source);
                        while (await reader.ReadLineAsync(token) is { } line)
                        {
                            await log.WriteLineAsync("[qemu] " + line);
                            lock (errorLines)
                            {
                                // QEMU says why it stopped in its first lines; a chatty one is cut.
                                if (errorLines.Count < 20)
                                {
                                    errorLines.Add(line);
                                }
                            }
                        }
                    }
                )
            )
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(stop.Token);
    }

    public string LogFile => log.Path;

    /// <summary>QEMU's exit code and what it wrote to stderr: why a machine never booted.</summary>
    private string ExitReason()
    {
        if (run.Exception?.GetBaseException() is { } fault)
        {
            // It never started, or reading its console failed: that, not QEMU, is the reason.
            return $"; running it failed: {fault.GetType().Name}: {fault.Message}";
        }
        var code = run.IsCompletedSuccessfully ? $" (exit code {run.Result.ExitCode})" : "";
        lock (errorLines)
        {
            return errorLines.Count == 0
                ? $"{code}; QEMU wrote nothing to stderr."
                : $"{code}; QEMU said:\n  " + Mask.Apply(string.Join("\n  ", errorLines));
        }
    }

    /// <summary>For whoever quotes what was typed here (a failed command) in a log.</summary>
    public SecretMask Mask { get; }

    public static SerialConsole Start(
        string program,
        IReadOnlyList<string> arguments,
        string logFile,
        SecretMask mask
    ) => new(program, arguments, logFile, mask);

    /// <summary>Waits until the console prints <paramref name="pattern"/> after the last match.</summary>
    public async Task<Match> WaitForAsync(
        Regex pattern,
        TimeSpan timeout,
        CancellationToken cancellation
    )
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            progress.Report(LastLine);
            lock (text)
            {
                // Only what came after the last match: a long boot log is not copied every poll.
                var match = pattern.Match(text.ToString(searchFrom, text.Length - searchFrom));
                if (match.Success)
                {
                    searchFrom += match.Index + match.Length;
                    linesAtLastMatch = lines.Count;
                    return match;
                }
            }
            if (Panic is { } panicked)
            {
                throw new KernelPanicException(
                    $"The machine panicked before the console printed /{pattern}/: {panicked}"
                );
            }
            if (run.IsCompleted)
            {
                throw new InvalidOperationException(
                    $"QEMU exited before the console printed /{pattern}/{ExitReason()}"
                );
            }
            if (DateTime.UtcNow > deadline)
            {
                throw NotPrinted(pattern, timeout);
            }
            await Task.Delay(200, cancellation);
        }
    }

    /// <summary>The failure of a wait for <paramref name="pattern"/> that lasted <paramref name="timeout"/>.</summary>
    public static TimeoutException NotPrinted(Regex pattern, TimeSpan timeout) =>
        new($"The console did not print /{pattern}/ within {timeout:mm\\:ss}.");

    /// <summary>Whether the console printed <paramref name="pattern"/> after the last match, without taking it as one.</summary>
    public bool ShowsSinceLastMatch(Regex pattern)
    {
        lock (text)
        {
            return pattern.IsMatch(text.ToString(searchFrom, text.Length - searchFrom));
        }
    }

    /// <summary>
    /// When the first whole line since the last match that shows <paramref name="pattern"/> was
    /// complete (the clock of <see cref="Lines"/>), or null if none has.
    /// </summary>
    public TimeSpan? FirstLineSinceLastMatch(Regex pattern)
    {
        lock (text)
        {
            return lines
                .Skip(linesAtLastMatch)
                .FirstOrDefault(line => pattern.IsMatch(line.Text))
                ?.At;
        }
    }

    public Task<Match> WaitForAsync(
        string literal,
        TimeSpan timeout,
        CancellationToken cancellation
    ) => WaitForAsync(new Regex(Regex.Escape(literal)), timeout, cancellation);

    /// <summary>Since QEMU started: the clock of <see cref="Lines"/>.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Every line with text the console printed so far, with when it was complete.</summary>
    public IReadOnlyList<TimedLine> Lines
    {
        get
        {
            lock (text)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>The console's last line with text: what the live progress line shows of a boot.</summary>
    public string LastLine
    {
        get
        {
            lock (text)
            {
                var unfinished = unfinishedLine.ToString();
                return unfinished.Trim().Length > 0 ? unfinished.Trim() : lastLine;
            }
        }
    }

    private void FollowLastLine(string clean)
    {
        foreach (var c in clean)
        {
            if (c == '\n')
            {
                if (unfinishedLine.ToString().Trim() is { Length: > 0 } line)
                {
                    lastLine = line;
                    lines.Add(new TimedLine(clock.Elapsed, line));
                    FollowFaults(line);
                }
                unfinishedLine.Clear();
            }
            else if (unfinishedLine.Length < 500)
            {
                // Tabs, backspaces and bells would garble the terminal's progress line.
                unfinishedLine.Append(char.IsControl(c) ? ' ' : c);
            }
        }
    }

    /// <summary>
    /// The kernel's or Xen's panic, with the first fault reported before it, once the console
    /// printed one; null until then. A panicked machine prints nothing more, so every wait ends
    /// at once with it instead of at its timeout.
    /// </summary>
    public string? Panic
    {
        get
        {
            lock (text)
            {
                return panic;
            }
        }
    }

    private static readonly string[] FaultMarks = ["Oops: ", "BUG: ", "general protection fault"];
    private static readonly string[] PanicMarks = ["Kernel panic - not syncing", "Panic on CPU"];

    private void FollowFaults(string line)
    {
        if (panic is not null)
        {
            return;
        }
        if (fault is null && FaultMarks.Any(m => line.Contains(m, StringComparison.Ordinal)))
        {
            fault = line;
        }
        if (PanicMarks.Any(m => line.Contains(m, StringComparison.Ordinal)))
        {
            panic = fault is null ? line : $"{line} (after {fault})";
        }
    }

    public void Type(string input) => keys.Writer.TryWrite(input);

    /// <summary>
    /// Waits for GRUB's menu, then boots its entry number <paramref name="entry"/>: down-arrow to
    /// it, Enter (which also skips the menu's timeout).
    /// </summary>
    public async Task BootGrubEntryAsync(
        int entry,
        TimeSpan timeout,
        CancellationToken cancellation
    )
    {
        await WaitForAsync("GNU GRUB", timeout, cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        Type(string.Concat(Enumerable.Repeat("\u001b[B", entry)) + "\r");
    }

    /// <summary>Waits for QEMU to end by itself (the machine powered off); false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var finished = await Task.WhenAny(run, Task.Delay(timeout, cancellation));
        return finished == run;
    }

    /// <summary>Everything the console printed so far, without terminal escapes, secrets masked.</summary>
    public string Printed
    {
        get
        {
            lock (text)
            {
                return Mask.Apply(text.ToString());
            }
        }
    }

    /// <summary>The last lines the console printed, for a failure message.</summary>
    public string Tail(int lines)
    {
        lock (text)
        {
            var all = text.ToString().Split('\n');
            return Mask.Apply(string.Join('\n', all.Skip(Math.Max(0, all.Length - lines))));
        }
    }

    /// <summary>
    /// Ends QEMU at once, as pulling the plug would: for a machine whose state is no longer
    /// needed. The log stays open until disposal.
    /// </summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
    }

    public async ValueTask DisposeAsync()
    {
        keys.Writer.TryComplete();
        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            // The VM is stopped on purpose.
        }
        await log.DisposeAsync();
        progress.Dispose();
        stop.Dispose();
    }
}

/// <summary>A line of the serial console and when it was complete, since QEMU started.</summary>
public sealed record TimedLine(TimeSpan At, string Text);
