using XenDemoCD.Build.Qemu;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>
/// The console-login patterns read against the screen CI's web case ended on: the first
/// attempt's failure still on screen must not answer for the second attempt.
/// </summary>
public sealed class ConsoleLoginTests
{
    // The guest's console after login gave up (CI, 2026-12-01), and getty's new prompt.
    private const string FirstFailure =
        "xendemo login: root\nPassword: \n\nlogin: timed out after 60 seconds\n"
        + "[  OK  ] Started serial-getty@hvc0.service - Serial Getty on hvc0.\n\n"
        + "xendemo login: [  OK  ] Started ssh.service - OpenBSD Secure Shell server.\n";

    [Fact]
    public void The_first_attempt_ends_on_logins_failure_and_is_not_taken_for_a_shell()
    {
        Assert.Matches(ConsoleLogin.Outcome(retried: false), FirstFailure);
        Assert.DoesNotMatch(ConsoleLogin.Shell, FirstFailure);
        Assert.Equal("timed out after 60 seconds", ConsoleLogin.Failed.Match(FirstFailure).Value);
    }

    [Fact]
    public void After_a_failure_only_a_new_prompt_answers()
    {
        Assert.Matches(ConsoleLogin.NextLoginPrompt(), FirstFailure);
        Assert.DoesNotMatch(ConsoleLogin.NextLoginPrompt(), "xendemo login: root\nPassword: \n");
        Assert.DoesNotMatch(ConsoleLogin.PasswordPrompt(retried: true), FirstFailure);
        Assert.Matches(
            ConsoleLogin.PasswordPrompt(retried: true),
            FirstFailure + "root\nPassword: "
        );
    }

    [Fact]
    public void The_second_attempt_waits_for_its_own_outcome_not_the_first_failure()
    {
        var typedAgain = FirstFailure + "root\nPassword: \n";

        Assert.DoesNotMatch(ConsoleLogin.Outcome(retried: true), typedAgain);
        Assert.Matches(ConsoleLogin.Outcome(retried: true), typedAgain + "root@xendemo:~# ");
        Assert.Matches(ConsoleLogin.Outcome(retried: true), typedAgain + "\nLogin incorrect\n");
    }
}
