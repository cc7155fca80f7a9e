using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Serilog;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// README.CD's web interface, checked as a person uses it: Chromium on the build host logs in to
/// dom0's Cockpit through QEMU's forwarded port, opens "Xen domains", is refused bad inputs
/// without anything being run, logs in on guest 1's console, gives it a new 1 GiB
/// disk and sees xvdb inside it, pauses and resumes it, detaches and deletes the disk, and shuts
/// it down; then starts guest 2 on dom0's network and destroys it, confirming when the page
/// asks. A screenshot of each step is kept.
/// The disk is made on the machine's hard disk, formatted and mounted by dom0 first: the RAM
/// root of a 1 GiB dom0 has 512 MiB, and the page refuses a disk larger than the free space.
/// Guest 1 is already up (<see cref="GuestCheck"/> started it with xendemo-guest and left it
/// running): the page takes it from there, and its start button is proven by guest 2. That
/// spares a guest's boot and shutdown under emulation, minutes of CI.
/// </summary>
public sealed class WebConsoleCheck(
    DomainShell dom0,
    string rootPassword,
    int webPort,
    string scratch,
    string screenshots
)
{
    /// <summary>Where dom0's Cockpit listens (socket-activated).</summary>
    public const int CockpitPort = 9090;
    private const string Guest = "xendemo-guest1";
    private const string DataDisk = "/mnt/data";
    private const string DiskFile = "web-test.img";
    private static readonly TimeSpan GuestBootTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromMinutes(2);

    public sealed record Outcome(IReadOnlyList<string> Failed, string Summary);

    /// <summary>Bad inputs the page must refuse, each with the words its refusal must hold.</summary>
    private static readonly (string Field, string Value, string Button, string Says)[] BadInputs =
    [
        ("#guest-number", "0", "#start-button", "1 to 253"),
        ("#guest-number", "254", "#start-button", "1 to 253"),
        ("#guest-number", "1; reboot", "#start-button", "1 to 253"),
        ("#disk-name", "../etc/passwd", "#create-disk-button", "may hold only"),
        ("#disk-name", "-rf", "#create-disk-button", "may hold only"),
        ("#disk-size", "100000", "#create-disk-button", "more than the"),
        ("#disk-size", "0", "#create-disk-button", "1 or more"),
        ("#disk-directory", "/var/lib/../../etc", "#create-disk-button", "without \".\" or \"..\""),
        ("#disk-directory", "/tmp/$(reboot)", "#create-disk-button", "absolute path of letters"),
    ];

    public async Task<Outcome> RunAsync()
    {
        var failed = new List<string>();
        var timings = new List<string>();
        Directory.CreateDirectory(screenshots);
        if (
            await dom0.CheckAsync(
                "cockpit-socket",
                $"systemctl is-active -q cockpit.socket && ss -ltn | grep -q ':{CockpitPort} '",
                "dom0"
            ) is
            { } notListening
        )
        {
            return new Outcome([notListening], "Cockpit is not listening");
        }

        if (
            await dom0.CheckAsync(
                "data-disk",
                $"mkfs.ext4 -q -F /dev/sda && mkdir -p {DataDisk} && mount /dev/sda {DataDisk}",
                "dom0"
            ) is
            { } noDisk
        )
        {
            return new Outcome([noDisk], "the hard disk could not be mounted");
        }

        await using var browser = await CockpitBrowser.StartAsync(webPort, scratch, screenshots);
        var step = "login";
        var clock = Stopwatch.StartNew();
        try
        {
            await browser.LogInAsync("root", rootPassword);
            step = "open the Xen page";
            await browser.OpenXenPageAsync();
            timings.Add($"login and Xen page {Seconds(clock)}");
            await browser.WaitForTextAsync(
                DomainState("Domain-0"),
                new Regex("running"),
                ActionTimeout
            );
            var facts = await browser.TextAsync("#xen-facts");
            Log.Information("web: the Xen page shows Domain-0; {Facts:l}", facts);
            if (!facts.StartsWith("Xen 4.", StringComparison.Ordinal))
            {
                failed.Add($"xen-facts (the page says \"{facts}\")");
            }
            await browser.ScreenshotAsync("web-2-domains");

            step = "refuse bad inputs";
            failed.AddRange(await RefusesBadInputsAsync(browser));
            await browser.ScreenshotAsync("web-3-refused");

            step = "guest 1, started by xendemo-guest, in the table";
            clock.Restart();
            await browser.WaitForTextAsync(DomainState(Guest), new Regex("running"), ActionTimeout);
            await browser.ScreenshotAsync("web-4-guest-running");

            step = "the guest's console";
            await browser.ClickAsync(DomainButton("console", Guest));
            await AskForLoginPromptAsync(browser);
            timings.Add($"guest's login prompt on the console {Seconds(clock)}");
            await browser.ScreenshotAsync("web-5-console-login");
            var attempts = await LogInOnConsoleAsync(browser);
            timings.Add($"root's shell on the console {Seconds(clock)}, login typed {attempts}x");

            step = "a new 1 GiB disk";
            if (await browser.CountAsync($"#disk-directories option[value='{DataDisk}']") != 1)
            {
                failed.Add(
                    $"mounted-disk-offered ({DataDisk} is not among the page's directories)"
                );
            }
            await browser.FillAsync("#disk-directory", DataDisk);
            await browser.FillAsync("#disk-name", "web-test");
            await browser.FillAsync("#disk-size", "1");
            await browser.ClickAsync("#create-disk-button");
            await browser.WaitForTextAsync(DiskRow(DiskFile), new Regex("1.0 GiB"), ActionTimeout);
            await browser.ClickAsync(DiskButton("attach", DiskFile));
            await browser.WaitForTextAsync(
                DiskUser(DiskFile),
                new Regex($"{Guest} as xvdb"),
                ActionTimeout
            );
            // xl block-attach returns before the guest's blkfront has the disk: wait for it there.
            // The typed command holds neither "seen xvdb" nor the size: only its output matches.
            await browser.TypeInTerminalAsync(
                "clear; for i in $(seq 60); do [ -e /sys/block/xvdb ] && break; sleep 1; done; "
                    + "awk '$4 ~ /^xvd/ {print \"seen\", $4, $3}' /proc/partitions\r"
            );
            await browser.WaitForTerminalAsync(new Regex(@"seen xvdb 1048576\b"), ActionTimeout);
            await browser.ScreenshotAsync("web-6-disk-in-guest");

            step = "pause and resume";
            await browser.ClickAsync(DomainButton("pause", Guest));
            await browser.WaitForTextAsync(
                DomainState(Guest),
                new Regex("^paused$"),
                ActionTimeout
            );
            await browser.ClickAsync(DomainButton("unpause", Guest));
            await browser.WaitForTextAsync(
                DomainState(Guest),
                new Regex("^running$"),
                ActionTimeout
            );

            step = "detach and delete the disk";
            await browser.ClickAsync(DiskButton("detach", DiskFile));
            await browser.WaitForTextAsync(DiskUser(DiskFile), new Regex("^—$"), ActionTimeout);
            await browser.ClickAsync(DiskButton("delete", DiskFile));
            await browser.WaitUntilGoneAsync(DiskRow(DiskFile), ActionTimeout);
            if (
                await dom0.CheckAsync(
                    "disk-deleted",
                    $"[ ! -e {DataDisk}/{DiskFile} ] && ! xl block-list {Guest} | grep -q '^51728 '",
                    "dom0"
                ) is
                { } kept
            )
            {
                failed.Add(kept);
            }

            step = "shut the guest down";
            clock.Restart();
            await browser.ClickAsync(DomainButton("shutdown", Guest));
            await browser.WaitForTextAsync(
                DomainState(Guest),
                new Regex(@"shutting down \(\d+ s\)"),
                ActionTimeout
            );
            await browser.ScreenshotAsync("web-7-shutting-down");
            await browser.WaitUntilGoneAsync(DomainRow(Guest), ShutdownTimeout);
            timings.Add($"guest shut down and gone {Seconds(clock)}");
            await browser.ScreenshotAsync("web-8-guest-gone");

            // A guest on dom0's own network, destroyed at once: the page asks first.
            step = "a public guest, destroyed";
            const string Public = "xendemo-public2";
            await browser.FillAsync("#guest-number", "2");
            await browser.SelectAsync("#guest-network", "public");
            await browser.ClickAsync("#start-button");
            await browser.WaitForTextAsync(
                DomainState(Public),
                new Regex("running"),
                ActionTimeout
            );
            await browser.ClickAsync(DomainButton("destroy", Public));
            await browser.WaitForTextAsync(
                "#confirm-text",
                new Regex($"Destroy {Public}\\?"),
                ActionTimeout
            );
            await browser.ScreenshotAsync("web-9-destroy-asks");
            await browser.ClickAsync("#confirm-yes");
            await browser.WaitUntilGoneAsync(DomainRow(Public), ActionTimeout);
            await browser.ScreenshotAsync("web-10-destroyed");
        }
        catch (Exception e)
            when (e
                    is TimeoutException
                        or PuppeteerSharp.PuppeteerException
                        or InvalidOperationException
            )
        {
            failed.Add($"web: {step}: {e.Message.Split('\n')[0]}");
            var shot = await browser.ScreenshotAsync("web-failed");
            Log.Error("web: {Step} failed: {Message:l}; screenshot {Shot}", step, e.Message, shot);
        }
        var summary = $"web console: {string.Join(", ", timings)}";
        Log.Information("{Summary:l}; screenshots in {Dir}", summary, screenshots);
        return new Outcome(failed, summary);
    }

    /// <summary>
    /// Logs in as root on the guest's console, as a person does: the prompt comes while the guest
    /// is still starting, and a login that fails there (login's own timer, or a key lost in the
    /// boot's output) is typed again at getty's next prompt, once. Returns how many were typed.
    /// </summary>
    private async Task<int> LogInOnConsoleAsync(CockpitBrowser browser)
    {
        for (var attempt = 1; ; attempt++)
        {
            var retried = attempt > 1;
            await browser.TypeInTerminalAsync("root\r");
            await browser.WaitForTerminalAsync(ConsoleLogin.PasswordPrompt(retried), ActionTimeout);
            await browser.TypeInTerminalAsync(rootPassword + "\r");
            var screen = await browser.WaitForTerminalAsync(
                ConsoleLogin.Outcome(retried),
                DomainShell.PasswordToShellTimeout
            );
            if (ConsoleLogin.Shell.IsMatch(screen))
            {
                return attempt;
            }
            if (retried)
            {
                throw new InvalidOperationException(
                    $"login failed twice on the guest's console; it shows:\n{screen.TrimEnd()}"
                );
            }
            Log.Warning(
                "web: login on the guest's console failed ({Failure:l}); typing it again",
                ConsoleLogin.Failed.Match(screen).Value
            );
            await browser.WaitForTerminalAsync(ConsoleLogin.NextLoginPrompt(), GuestBootTimeout);
        }
    }

    /// <summary>
    /// A console opened on a guest that is up shows only what comes next: Enter at getty's
    /// prompt makes it print the prompt again, as a person would press it to see one.
    /// </summary>
    private static async Task AskForLoginPromptAsync(CockpitBrowser browser)
    {
        var deadline = DateTime.UtcNow + ActionTimeout;
        while (true)
        {
            await browser.TypeInTerminalAsync("\r");
            try
            {
                await browser.WaitForTerminalAsync(
                    DomainShell.LoginPrompt,
                    TimeSpan.FromSeconds(10)
                );
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline) { }
        }
    }

    /// <summary>
    /// Each bad input gets the page's refusal and runs nothing: the page's command log stays as
    /// it was, no domain is started and no disk file is made.
    /// </summary>
    private async Task<IReadOnlyList<string>> RefusesBadInputsAsync(CockpitBrowser browser)
    {
        var failed = new List<string>();
        var commandsBefore = await browser.CountAsync("#commands li");
        foreach (var (field, value, button, says) in BadInputs)
        {
            await browser.ClearAsync("#messages");
            await browser.FillAsync(field, value);
            await browser.ClickAsync(button);
            try
            {
                await browser.WaitForTextAsync(
                    "#messages .error",
                    new Regex(Regex.Escape(says)),
                    TimeSpan.FromSeconds(20)
                );
            }
            catch (Exception e) when (e is TimeoutException or PuppeteerSharp.PuppeteerException)
            {
                failed.Add(
                    $"bad-input ({field} = \"{value}\" was not refused with \"{says}\"; the page says \"{await browser.TextAsync("#messages")}\")"
                );
            }
            // Put the good value back, so the next bad input is the only one.
            await browser.FillAsync(field, GoodValue(field));
        }
        var commandsAfter = await browser.CountAsync("#commands li");
        if (commandsAfter != commandsBefore)
        {
            failed.Add(
                $"bad-input-ran ({commandsAfter - commandsBefore} command(s) ran: {await browser.TextAsync("#commands")})"
            );
        }
        if (
            await dom0.CheckAsync(
                "bad-input-nothing-made",
                $"[ \"$(xl list | wc -l)\" = 3 ] && [ -z \"$(ls -A /var/lib/xendemo/disks 2>/dev/null)\" ] && [ \"$(ls -A {DataDisk})\" = lost+found ]",
                "dom0"
            ) is
            { } made
        )
        {
            failed.Add(made);
        }
        return failed;
    }

    // The page's markup, as xen.js writes it: rows and buttons carry the domain's name or the
    // disk's file name, cells their field.
    private static string DomainRow(string name) => $"#domains tr[data-domain='{name}']";

    private static string DomainState(string name) => DomainRow(name) + " td[data-field='state']";

    private static string DomainButton(string action, string name) =>
        $"button[data-action='{action}'][data-domain='{name}']";

    private static string DiskRow(string file) => $"#disks tr[data-disk='{file}']";

    private static string DiskUser(string file) => DiskRow(file) + " td[data-field='user']";

    private static string DiskButton(string action, string file) =>
        $"button[data-action='{action}'][data-disk='{file}']";

    private static string GoodValue(string field) =>
        field switch
        {
            "#guest-number" => "1",
            "#disk-size" => "1",
            "#disk-directory" => "/var/lib/xendemo/disks",
            _ => "disk1",
        };

    private static string Seconds(Stopwatch clock) =>
        clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}
