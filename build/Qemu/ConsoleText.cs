using System.Text;
using System.Text.RegularExpressions;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// The serial console's bytes, read in chunks of whatever size the pipe gives, as text: UTF-8
/// decoded across reads (a character split between two reads comes out whole), and, for
/// matching, without terminal escapes (also one split between two reads) and carriage returns.
/// </summary>
public sealed partial class ConsoleText
{
    private readonly Decoder decoder = Encoding.UTF8.GetDecoder();
    private string unfinishedEscape = "";

    /// <summary>The next read: the text as printed (for the log) and the text to match.</summary>
    public (string Printed, string Clean) Append(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[decoder.GetCharCount(bytes, flush: false)];
        decoder.GetChars(bytes, chars, flush: false);
        var printed = new string(chars);
        var text = unfinishedEscape + printed;
        unfinishedEscape = "";
        var escape = text.LastIndexOf('\u001b');
        if (escape >= 0 && UnfinishedEscape().IsMatch(text.AsSpan(escape)))
        {
            // The rest of it comes with the next read.
            unfinishedEscape = text[escape..];
            text = text[..escape];
        }
        return (printed, Escapes().Replace(text, "").Replace("\r", "", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[A-Za-z]|[()][0-9A-Za-z]|[=>78cDEHM])")]
    private static partial Regex Escapes();

    /// <summary>A beginning of one of <see cref="Escapes"/> that is not complete yet.</summary>
    [GeneratedRegex(@"^\x1b(\[[0-9;?]*|[()])?$")]
    private static partial Regex UnfinishedEscape();
}
