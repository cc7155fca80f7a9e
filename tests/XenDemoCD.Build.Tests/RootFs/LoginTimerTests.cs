using System.Globalization;
using System.Text.RegularExpressions;
using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// login's timer on the CD (rootpatch's <c>/etc/login.defs</c>): the serial prompt comes before
/// the boot ends, and under TCG the session can take more than Debian's 60 s to open, so the CD
/// gives login longer, and the boot checks wait longer still before calling a login failed.
/// </summary>
public sealed partial class LoginTimerTests
{
    private static readonly string LoginDefs = RepositoryRoot.Combine("rootpatch/etc/login.defs");

    [Fact]
    public void The_CD_gives_login_more_than_Debians_60_seconds_and_the_checks_wait_longer()
    {
        var settings = Setting().Matches(File.ReadAllText(LoginDefs));

        var timeout = Assert.Single(settings);
        var seconds = int.Parse(timeout.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(seconds >= 300, $"LOGIN_TIMEOUT is {seconds} s");
        Assert.True(
            TimeSpan.FromSeconds(seconds) < DomainShell.PasswordToShellTimeout,
            "a check must outlast login's own timer, or it reports login's slowness as its own"
        );
    }

    [Fact]
    public void The_CDs_login_defs_keeps_Debians_password_and_home_settings()
    {
        var text = File.ReadAllText(LoginDefs);

        Assert.Matches(new Regex(@"^ENCRYPT_METHOD\s+YESCRYPT$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^HOME_MODE\s+0700$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^UID_MIN\s+1000$", RegexOptions.Multiline), text);
    }

    [GeneratedRegex(@"^LOGIN_TIMEOUT\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Setting();
}
