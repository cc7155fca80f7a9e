using System.Text.RegularExpressions;
using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>
/// getty's prompt cut in two by systemd's status lines, as the install case's console showed it
/// in CI (2026-12-03): a stand-in getty in sh that asks again only when Enter comes.
/// </summary>
public sealed class SplitLoginPromptTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>The two splits seen: the install case's in CI, and a UEFI boot's, where agetty's
    /// space before "login:" came after the status line.</summary>
    [Theory]
    [InlineData(
        "xendemo [  OK  ] Reached target network-online.target - Network is Online.\\r\\n"
            + "login:          Starting systemd-user-sessions.service...\\r\\n"
    )]
    [InlineData(
        "xendemo[  OK  ] Started getty@tty1.service - Getty on tty1.\\r\\n"
            + " login: [  OK  ] Reached target getty.target - Login Prompts.\\r\\n"
    )]
    public async Task A_prompt_split_by_status_lines_gets_Enter_and_counts_from_its_first_login(
        string split
    )
    {
        // agetty asks again 2 s after Enter: the prompt's time is the first "login:", before.
        var getty =
            $"printf '{split}'; read -r line; sleep 2; printf '\\r\\nxendemo login: '; sleep 30";
        await using var console = SerialConsole.Start(
            "sh",
            ["-c", getty],
            temp.Combine("split.serial.log"),
            SecretMask.ForRootPassword("s3cret-Pw")
        );
        var shell = new DomainShell(console, CancellationToken.None)
        {
            SplitPromptPatience = TimeSpan.FromSeconds(1),
        };

        var prompt = await shell.WaitForLoginPromptAsync(TimeSpan.FromSeconds(20));

        Assert.True(
            console.Elapsed - prompt >= TimeSpan.FromSeconds(2),
            $"the prompt's time {prompt} is the whole prompt's, not the first \"login:\"'s"
        );
    }

    [Fact]
    public async Task A_console_without_any_prompt_times_out_naming_the_whole_wait()
    {
        await using var console = SerialConsole.Start(
            "sh",
            [
                "-c",
                "printf 'Booting...\\r\\n'; read -r line; printf 'still booting\\r\\n'; sleep 30",
            ],
            temp.Combine("none.serial.log"),
            SecretMask.ForRootPassword("s3cret-Pw")
        );
        var shell = new DomainShell(console, CancellationToken.None)
        {
            SplitPromptPatience = TimeSpan.FromSeconds(1),
        };

        var failure = await Assert.ThrowsAsync<TimeoutException>(() =>
            shell.WaitForLoginPromptAsync(TimeSpan.FromSeconds(4))
        );
        Assert.Contains("within 00:04", failure.Message);
        // What the console received, not its log file, which may not be flushed yet: no key was
        // typed, so the stand-in never read a line.
        Assert.False(console.ShowsSinceLastMatch(new Regex("still booting")));
    }
}
