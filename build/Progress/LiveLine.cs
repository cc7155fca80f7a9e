namespace XenDemoCD.Build.Progress;

/// <summary>
/// The one line at the bottom of an interactive terminal that shows the running step's
/// progress, redrawn in place. Log lines are written around it (<see cref="WriteAround"/>):
/// erased, the log line written, redrawn below it, so the two never garble each other.
/// </summary>
public sealed class LiveLine(TextWriter terminal, Func<int> width)
{
    // Erase the whole line and go back to its start: leftovers of a longer text must go.
    private const string EraseLine = "\r\u001b[2K";
    private readonly Lock gate = new();
    private string? text;
    private bool drawn;

    /// <summary>The terminal's line, or null when standard output is not an interactive terminal.</summary>
    public static LiveLine? Current { get; } = ForConsole();

    public void Show(string line)
    {
        lock (gate)
        {
            text = line;
            Draw();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            Erase();
            text = null;
        }
    }

    /// <summary>Writes something else to the terminal (a log line) with the live line out of its way.</summary>
    public void WriteAround(Action write)
    {
        lock (gate)
        {
            Erase();
            write();
            if (text is not null)
            {
                Draw();
            }
        }
    }

    private void Draw()
    {
        // A line wider than the terminal wraps, and "\r" would then erase only its last row.
        var columns = Math.Max(20, width() - 1);
        var shown = text!.Length > columns ? text[..(columns - 1)] + "…" : text;
        terminal.Write(EraseLine + shown);
        terminal.Flush();
        drawn = true;
    }

    private void Erase()
    {
        if (drawn)
        {
            terminal.Write(EraseLine);
            terminal.Flush();
            drawn = false;
        }
    }

    private static LiveLine? ForConsole()
    {
        var term = Environment.GetEnvironmentVariable("TERM");
        var interactive =
            !Console.IsOutputRedirected
            && term is { Length: > 0 } and not "dumb"
            && Environment.GetEnvironmentVariable("CI") is null;
        return interactive ? new LiveLine(Console.Out, TerminalWidth) : null;
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is > 0 and var columns ? columns : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
