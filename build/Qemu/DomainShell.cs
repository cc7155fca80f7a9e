using System.Text.RegularExpressions;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// A root shell on a VM's serial console, driven one command at a time. Each command ends by
/// printing a marker line with its exit status or its value; the marker is split by quotes in
/// the typed text, so the console's echo of the command line never counts as the answer.
/// </summary>
public sealed class DomainShell(SerialConsole console, CancellationToken cancellation)
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// From the password to the shell: longer than login's own timer (300 s, in
    /// <c>rootpatch/etc/login.defs</c>), which runs until root's session, and so its systemd user
    /// manager, has started: under TCG, with the boot still going on, that can take minutes.
    /// </summary>
    public static readonly TimeSpan PasswordToShellTimeout = TimeSpan.FromMinutes(6);

    /// <summary>Runs <paramref name="command"/>; returns its exit status.</summary>
    public async Task<int> RunAsync(string name, string command, TimeSpan? timeout = null)
    {
        var status = await AnswerAsync(
            $"{command}; echo XD''-RESULT {name} $?\n",
            new Regex($@"XD-RESULT {Regex.Escape(name)} (\d+)"),
            timeout
        );
        return int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs one check; returns null when it exits 0, else what failed, for the boot report
    /// (<paramref name="where"/>, when given, says which domain ran it).
    /// </summary>
    public async Task<string?> CheckAsync(
        string name,
        string command,
        string? where = null,
        TimeSpan? timeout = null
    )
    {
        var status = await RunAsync(name, command, timeout);
        return status == 0
            ? null
            : $"{name} (exit {status}{(where is null ? "" : " in " + where)}: {console.Mask.Apply(command)})";
    }

    /// <summary>Runs each check in turn; returns what failed (empty when all passed).</summary>
    public async Task<IReadOnlyList<string>> CheckAllAsync(
        IEnumerable<(string Name, string Command)> checks,
        string? where = null
    )
    {
        var failed = new List<string>();
        foreach (var (name, command) in checks)
        {
            if (await CheckAsync(name, command, where) is { } failure)
            {
                failed.Add(failure);
            }
        }
        return failed;
    }

    /// <summary>Runs <paramref name="command"/>; returns the one line it printed.</summary>
    public async Task<string> ValueAsync(string name, string command, TimeSpan? timeout = null)
    {
        var value = await AnswerAsync(
            $"echo XD''-VALUE {name} \"$({command})\"\n",
            new Regex($@"XD-VALUE {Regex.Escape(name)} ([^\r\n]*)"),
            timeout
        );
        return value.Trim();
    }

    /// <summary>Runs <paramref name="command"/>; returns every line it printed (the console's text, CRs dropped).</summary>
    public async Task<string> OutputAsync(string name, string command, TimeSpan? timeout = null)
    {
        return await AnswerAsync(
            $"echo XD''-BEGIN {name}; {command}; echo XD''-END {name}\n",
            new Regex(
                $@"XD-BEGIN {Regex.Escape(name)}\n(.*?)XD-END {Regex.Escape(name)}",
                RegexOptions.Singleline
            ),
            timeout
        );
    }

    /// <summary>
    /// Types <paramref name="typed"/> and returns the first group of <paramref name="answer"/>.
    /// The marker words are typed with '' inside them, so the echoed input never matches.
    /// </summary>
    private async Task<string> AnswerAsync(string typed, Regex answer, TimeSpan? timeout)
    {
        console.Type(typed);
        var match = await console.WaitForAsync(answer, timeout ?? CommandTimeout, cancellation);
        return match.Groups[1].Value;
    }

    /// <summary>
    /// getty's prompt, "host login: ". Not anchored to the line's end: the kernel may print a
    /// message on the console right after it, on the same line.
    /// </summary>
    public static readonly Regex LoginPrompt = new(@"[\w.-]+ login: ");

    /// <summary>bash's prompt for root, "root@host:dir# ", also not anchored for the same reason.</summary>
    private static readonly Regex RootPrompt = new(@"root@[\w.-]+:[^\r\n#]*# ");

    /// <summary>
    /// Root's password in the shell, for commands that need it (<c>sshpass -e</c>, an installer
    /// reading standard input), after <see cref="RememberPasswordAsync"/>.
    /// </summary>
    public const string PasswordVariable = "\"$XD_PW\"";

    /// <summary>
    /// Sets <see cref="PasswordVariable"/> by typing the password with the terminal's echo off, so
    /// the console never prints it: typed into a command line, it would come back in the echo.
    /// </summary>
    public async Task RememberPasswordAsync(string password)
    {
        console.Type("stty -echo; echo XD''-READY password; IFS= read -r XD_PW; stty echo\n");
        // Only once echo is off: the terminal echoes keys as they arrive, before read runs.
        await console.WaitForAsync("XD-READY password", CommandTimeout, cancellation);
        console.Type(password + "\n");
        await RunAsync("password-remembered", "[ -n " + PasswordVariable + " ]");
    }

    /// <summary>
    /// Waits for getty's prompt and returns when it stood on the console (the clock of
    /// <see cref="SerialConsole.Lines"/>). agetty writes the host name and "login: " apart, and
    /// systemd's status lines, which the CD's getty does not wait for, can land between the two
    /// (CI, 2026-12-03: "xendemo [ OK ] Reached target network-online.target" and "login:" on
    /// the next line, then nothing for 12 minutes). When "login:" has stood without its host name
    /// for <see cref="SplitPromptPatience"/>, Enter is pressed, as a person would: agetty asks
    /// again. A person could have typed at the first "login:", so that is the time returned.
    /// </summary>
    public async Task<TimeSpan> WaitForLoginPromptAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        TimeSpan? split = null;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            try
            {
                await console.WaitForAsync(
                    LoginPrompt,
                    left < SplitPromptPatience ? left : SplitPromptPatience,
                    cancellation
                );
                return split ?? console.Elapsed;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                if (console.ShowsSinceLastMatch(BareLoginPrompt))
                {
                    split ??= console.FirstLineSinceLastMatch(BareLoginPrompt);
                    console.Type("\n");
                }
            }
            catch (TimeoutException)
            {
                throw SerialConsole.NotPrinted(LoginPrompt, timeout);
            }
        }
    }

    /// <summary>How long a prompt split by other output stands before Enter; tests shorten it.</summary>
    public TimeSpan SplitPromptPatience { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// "login: " at a line's start: the prompt's second half, its host name elsewhere. agetty may
    /// write the space before "login:" with it, so a status line between leaves " login: " (a
    /// UEFI boot's console, 2026-12-03: "xendemo[ OK ] Started getty@tty1.service", then
    /// " login: [ OK ] Reached target getty.target", then nothing for 10 minutes).
    /// </summary>
    private static readonly Regex BareLoginPrompt = new(@"^[ \t]*login: ", RegexOptions.Multiline);

    /// <summary>Answers the login prompt just seen: root and its password, then waits for the shell.</summary>
    public async Task LogInAsync(string password)
    {
        console.Type("root\n");
        await console.WaitForAsync("Password:", CommandTimeout, cancellation);
        console.Type(password + "\n");
        await console.WaitForAsync(RootPrompt, PasswordToShellTimeout, cancellation);
        // Kernel messages on the console can land inside a marker line and hide it; only
        // critical ones stay visible (dmesg still has all of them).
        await RunAsync("quiet-console", "dmesg -n 3");
    }
}
