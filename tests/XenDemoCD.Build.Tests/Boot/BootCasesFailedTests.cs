using XenDemoCD.Build.Host;
using XenDemoCD.Build.Qemu;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>A boot case that fails its checks ends the run with what failed, not as a bug of the build.</summary>
public sealed class BootCasesFailedTests
{
    [Fact]
    public void A_failed_boot_case_is_reported_by_name_and_check_without_a_trace_or_a_bug_report()
    {
        var failed = new BootCheck.Result(
            BootCase.Parse("bios-cd").Single(),
            false,
            TimeSpan.FromSeconds(37),
            ["ssh-host-keys (exit 1: [ ! -e /etc/ssh/ssh_host_rsa_key ])"],
            "/out/boot-test/bios-cd.serial.log",
            "",
            null
        );

        var lines = FailureReport.Lines(
            new BootCasesFailedException([failed], "/out/boot-test"),
            "BootTest",
            "/out/logs/build.log",
            interrupted: false,
            withTrace: false
        );
        var text = string.Join('\n', lines);

        Assert.Contains("Build failed in task BootTest:", text);
        Assert.Contains("bios-cd: ssh-host-keys (exit 1:", text);
        Assert.Contains("/out/boot-test", text);
        Assert.DoesNotContain("bug", text);
        Assert.DoesNotContain("   at ", text);
    }
}
