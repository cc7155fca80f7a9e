using System.Text.RegularExpressions;

namespace XenDemoCD.Build.Tests.Host;

/// <summary>
/// What the host wrote to the console (stdout and stderr, interleaved as a terminal shows them)
/// while it is alive. Tests using it run in the serial collection: the console is process-wide.
/// </summary>
public sealed partial class ConsoleCapture : IDisposable
{
    private readonly TextWriter originalOut = Console.Out;
    private readonly TextWriter originalError = Console.Error;
    private readonly StringWriter captured = new();

    public ConsoleCapture()
    {
        var writer = TextWriter.Synchronized(captured);
        Console.SetOut(writer);
        Console.SetError(writer);
    }

    /// <summary>The output without colour codes, one entry a line, trailing empty lines dropped.</summary>
    public IReadOnlyList<string> Lines =>
        Ansi().Replace(captured.ToString(), "").ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public string Text => string.Join("\n", Lines);

    public void Dispose()
    {
        Console.SetOut(originalOut);
        Console.SetError(originalError);
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Ansi();
}
