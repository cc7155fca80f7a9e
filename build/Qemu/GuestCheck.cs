using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Serilog;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// README.CD's second half, checked from a logged-in dom0: start guest 1 with
/// <c>xendemo-guest -c 1</c>, reach its login prompt on <c>xl console</c> and log in, see it in
/// <c>xl list</c>, ssh to it from dom0 and from the build host through dom0's port redirect,
/// then shut it down cleanly (or, with <paramref name="keepRunning"/>, leave it running for the
/// web console's check, which shuts it down from its page). Measures the time to its login
/// prompt and its memory.
/// </summary>
public sealed class GuestCheck(
    SerialConsole console,
    DomainShell dom0,
    string rootPassword,
    int hostPort,
    bool keepRunning,
    CancellationToken cancellation
)
{
    public const int Guest = 1;
    public const int Dom0PortOfGuest = 2200 + Guest;
    public const string Name = "xendemo-guest1";
    public const string Address = "169.254.1.1";

    /// <summary>dom0 on the guests' bridge, xenbr0.</summary>
    public const string Dom0Address = "169.254.1.254";
    private const char LeaveConsole = '\u001d'; // Ctrl+]
    private static readonly TimeSpan GuestBootTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SshTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMinutes(6);

    public sealed record Outcome(IReadOnlyList<string> Failed, string Summary);

    public async Task<Outcome> RunAsync()
    {
        var failed = new List<string>();
        var guest = new DomainShell(console, cancellation);
        var clock = Stopwatch.StartNew();
        TimeSpan? toLogin = null;
        var used = "?";
        await dom0.RememberPasswordAsync(rootPassword);

        // The marker prints when xl create ends: at once when it fails, after Ctrl+] otherwise.
        console.Type($"xendemo-guest -c {Guest}; echo XD''-RESULT guest-start $?\n");
        var first = await console.WaitForAsync(
            new Regex($@"({DomainShell.LoginPrompt})|XD-RESULT guest-start (\d+)"),
            GuestBootTimeout,
            cancellation
        );
        if (first.Groups[1].Success)
        {
            toLogin = clock.Elapsed;
            Log.Information(
                "guest: login prompt on xl console {Elapsed:mm\\:ss} after xendemo-guest",
                toLogin
            );
            await guest.LogInAsync(rootPassword);
            failed.AddRange(await guest.CheckAllAsync(InsideTheGuest, "the guest"));
            used = await guest.ValueAsync("guest-used", "free -m | awk '/^Mem:/ {print $3}'");
            console.Type("exit\n");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
            console.Type(LeaveConsole.ToString());
            await console.WaitForAsync(
                new Regex(@"XD-RESULT guest-start (\d+)"),
                DomainShell.CommandTimeout,
                cancellation
            );
        }
        else
        {
            failed.Add(
                $"guest-start (xendemo-guest -c {Guest} exited {first.Groups[2].Value} before a login prompt)"
            );
        }

        var allocated = await dom0.ValueAsync(
            "guest-memory",
            $"xl list {Name} 2>/dev/null | awk 'NR == 2 {{print $3}}'"
        );
        await CheckInDom0Async(failed, "guest-listed", $"xl list | grep -q '^{Name} '");
        await CheckInDom0Async(
            failed,
            "ssh-from-dom0",
            $"for i in $(seq 60); do {Ssh(Address)} true 2>/dev/null && break; sleep 2; done; {Ssh(Address)} true",
            SshTimeout
        );
        if (await SshFromHostAsync() is { } problem)
        {
            failed.Add(problem);
        }
        if (keepRunning)
        {
            return new Outcome(failed, Summary(toLogin, allocated, used));
        }
        await CheckInDom0Async(
            failed,
            "guest-shutdown",
            $"timeout 300 xl shutdown -w {Name}",
            ShutdownTimeout
        );
        // xl shutdown -w returns once the guest has shut down; the xl process that created it
        // destroys it (on_poweroff) a moment later.
        await CheckInDom0Async(
            failed,
            "guest-gone",
            $"for i in $(seq 60); do xl list | grep -q '^{Name} ' || break; sleep 1; done; ! xl list | grep -q '^{Name} '"
        );

        return new Outcome(failed, Summary(toLogin, allocated, used));
    }

    private static string Summary(TimeSpan? toLogin, string allocated, string used)
    {
        var summary =
            $"guest {Guest}: login prompt {(toLogin is { } t ? t.ToString(@"mm\:ss", CultureInfo.InvariantCulture) : "never reached")} after xendemo-guest, {allocated} MiB given by Xen, {used} MiB in use inside";
        Log.Information("{Summary:l}", summary);
        return summary;
    }

    /// <summary>The guest runs off the CD like dom0, with its own RAM root, and is not dom0.</summary>
    private static IEnumerable<(string Name, string Command)> InsideTheGuest =>
        [
            ("guest-root-is-tmpfs", "[ \"$(findmnt -n -o FSTYPE /)\" = tmpfs ]"),
            (
                "guest-usr-is-the-cd-on-xvda",
                "[ \"$(findmnt -n -o SOURCE,FSTYPE /usr)\" = '/dev/xvda iso9660' ]"
            ),
            ("guest-is-not-dom0", "! grep -q control_d /proc/xen/capabilities 2>/dev/null"),
            // The web console is dom0's: cockpit.socket's drop-in keeps it out of guests.
            (
                "guest-runs-no-web-console",
                "! systemctl is-active -q cockpit.socket && ! ss -ltn | grep -q ':9090 '"
            ),
            // networkd may still be configuring the link when the login prompt appears (seen
            // under load with systemd 257): wait for the address up to 60 s before judging.
            (
                "guest-address",
                $"for i in $(seq 60); do ip -4 -o address show | grep -q ' {Address}/24 ' && break; sleep 1; done; ip -4 -o address show | grep -q ' {Address}/24 '"
            ),
        ];

    /// <summary>ssh from dom0's shell to <paramref name="host"/> as root, with the password <see cref="DomainShell.RememberPasswordAsync"/> kept.</summary>
    public static string Ssh(string host) =>
        $"SSHPASS={DomainShell.PasswordVariable} sshpass -e ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=10 root@{host}";

    private async Task CheckInDom0Async(
        List<string> failed,
        string name,
        string command,
        TimeSpan? timeout = null
    )
    {
        if (await dom0.CheckAsync(name, command, "dom0", timeout) is { } failure)
        {
            failed.Add(failure);
        }
    }

    /// <summary>
    /// ssh from the build host to QEMU's forwarded port, which is dom0's port 2201, which dom0's
    /// NAT redirects to the guest's port 22. The guest's kernel command line proves where it
    /// landed. Returns the problem, or null.
    /// </summary>
    private async Task<string?> SshFromHostAsync()
    {
        var result = await new HostSsh(hostPort, rootPassword).RunAsync(
            "cat /proc/cmdline",
            cancellation
        );
        Log.Information(
            "guest: ssh -p {Port} root@127.0.0.1 (dom0's port {Dom0Port}) exited {Exit}: {Output:l}",
            hostPort,
            Dom0PortOfGuest,
            result.ExitCode,
            (result.StandardOutput + result.StandardError).Trim()
        );
        return result.ExitCode == 0 && result.StandardOutput.Contains("xendemo.cd=/dev/xvda")
            ? null
            : $"ssh-from-host (sshpass ssh -p {hostPort} root@127.0.0.1, forwarded to dom0:{Dom0PortOfGuest}, exited {result.ExitCode}: {(result.StandardOutput + result.StandardError).Trim()})";
    }
}
