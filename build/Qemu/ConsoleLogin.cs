using System.Text.RegularExpressions;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// What a console's screen says while root logs in, read as a whole screen each time: after a
/// failed login the screen still holds the failure's words, so everything a second attempt waits
/// for (its password prompt, its failure) must come after them, or the old text answers at once.
/// </summary>
internal static class ConsoleLogin
{
    /// <summary>bash's prompt for root (every domain off the CD is "xendemo").</summary>
    public static readonly Regex Shell = new(@"root@[\w.-]+:[^\n#]*# *$", RegexOptions.Multiline);

    /// <summary>login's words when it gives up: its timer ran out, or the password was wrong.</summary>
    public static readonly Regex Failed = new(@"timed out after \d+ seconds|Login incorrect");

    public static Regex PasswordPrompt(bool retried) => new(After(retried) + "Password:");

    /// <summary>root's shell, or login's failure (a new one, when <paramref name="retried"/>).</summary>
    public static Regex Outcome(bool retried) =>
        new($"{Shell}|{After(retried)}(?:{Failed})", RegexOptions.Multiline);

    /// <summary>getty's prompt again, after a failure.</summary>
    public static Regex NextLoginPrompt() => new(After(true) + DomainShell.LoginPrompt);

    private static string After(bool retried) => retried ? $@"(?:{Failed})[\s\S]*" : "";
}
