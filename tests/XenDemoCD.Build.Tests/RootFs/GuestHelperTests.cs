using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// rootpatch's <c>xendemo-guest</c>, run by the host's sh with stand-ins for ip, findmnt,
/// sysctl, xl and xendemo-nat-enable that record what they were asked: the arguments it hands
/// to <c>xl create</c> for guest N (the QEMU guest boot test runs it for real).
/// </summary>
public sealed class GuestHelperTests : IDisposable
{
    private static readonly string Script = RepositoryRoot.Combine(
        "rootpatch/usr/local/sbin/xendemo-guest"
    );

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_NAT_guest_gets_169_254_1_N_behind_dom0_and_the_CD_dom0_runs_from()
    {
        var cd = AnyBlockDevice();
        var (exitCode, output) = await RunAsync(usrSource: cd, bridgeExists: false, "3");

        Assert.True(exitCode == 0, output);
        var xl = File.ReadAllText(temp.Combine("xl.args"));
        Assert.Contains("create\n/etc/xen/xendemo-guest.cfg\n", xl);
        Assert.Contains("name=\"xendemo-guest3\"", xl);
        // The CD reaches the guest through a read-only loop device over it.
        Assert.Contains("target=/dev/loop7", xl);
        Assert.Contains(
            $"--find --show --read-only {cd}",
            File.ReadAllText(temp.Combine("losetup.args"))
        );
        Assert.Contains("ip=169.254.1.3::169.254.1.254:255.255.255.0:xendemo-guest3:eth0:off", xl);
        Assert.Contains("xendemo.cd=/dev/xvda", xl);
        Assert.True(File.Exists(temp.Combine("nat.ran")), "the bridge was missing: NAT not set up");
    }

    [Fact]
    public async Task The_guests_console_has_its_size_given_so_no_stale_size_query_reaches_its_login()
    {
        var (exitCode, output) = await RunAsync(
            usrSource: AnyBlockDevice(),
            bridgeExists: true,
            "1"
        );

        Assert.True(exitCode == 0, output);
        var xl = File.ReadAllText(temp.Combine("xl.args"));
        // With both set for the getty's tty and for /dev/console, systemd 257 asks the terminal
        // nothing (it queries only when neither rows nor columns are known).
        foreach (var tty in new[] { "hvc0", "console" })
        {
            Assert.Contains($"systemd.tty.rows.{tty}=24 ", xl);
            Assert.Contains($"systemd.tty.columns.{tty}=80 ", xl);
        }
    }

    [Fact]
    public async Task A_public_guest_takes_dom0s_address_plus_N_with_dom0s_gateway_and_netmask()
    {
        var (exitCode, output) = await RunAsync(
            usrSource: AnyBlockDevice(),
            bridgeExists: true,
            "--public",
            "2"
        );

        Assert.True(exitCode == 0, output);
        var xl = File.ReadAllText(temp.Combine("xl.args"));
        Assert.Contains("/etc/xen/xendemo-guest-publicip.cfg", xl);
        Assert.Contains("name=\"xendemo-public2\"", xl);
        Assert.Contains("ip=192.168.7.12::192.168.7.1:255.255.252.0:xendemo-public2:eth0:off", xl);
        var ip = File.ReadAllText(temp.Combine("ip.args"));
        Assert.Contains("route replace 192.168.7.12/32 dev xenbr0", ip);
        Assert.Contains(
            "net.ipv4.conf.eth9.proxy_arp=1",
            File.ReadAllText(temp.Combine("sysctl.args"))
        );
        Assert.False(File.Exists(temp.Combine("nat.ran")), "the bridge was there: NAT run again");
    }

    [Fact]
    public async Task Memory_and_vcpus_given_on_the_command_line_size_the_guest()
    {
        var (exitCode, output) = await RunAsync(
            AnyBlockDevice(),
            bridgeExists: true,
            "--memory",
            "768",
            "--vcpus",
            "2",
            "1"
        );

        Assert.True(exitCode == 0, output);
        var xl = File.ReadAllText(temp.Combine("xl.args"));
        Assert.Contains("\nmemory=768\nvcpus=2\n", xl);
        Assert.Contains("name=\"xendemo-guest1\"", xl);
    }

    [Theory]
    [InlineData("--memory", "64", "from 128 to 1048576, not 64")]
    [InlineData("--memory", "1G", "from 128 to 1048576, not '1G'")]
    [InlineData("--vcpus", "0", "from 1 to 128, not 0")]
    [InlineData("--vcpus", "9999999999", "from 1 to 128, not 9999999999")]
    public async Task A_size_that_is_not_a_sensible_whole_number_is_refused_naming_the_option(
        string option,
        string value,
        string expected
    )
    {
        var (exitCode, output) = await RunAsync(
            AnyBlockDevice(),
            bridgeExists: true,
            option,
            value,
            "1"
        );

        Assert.Equal(2, exitCode);
        Assert.Contains($"{option} must be a whole number {expected}", output);
        Assert.False(File.Exists(temp.Combine("xl.args")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("254")]
    [InlineData("two")]
    public async Task A_guest_number_outside_1_to_253_is_refused_before_anything_starts(
        string number
    )
    {
        var (exitCode, output) = await RunAsync(AnyBlockDevice(), bridgeExists: true, number);

        Assert.Equal(2, exitCode);
        Assert.Contains("the guest number must be 1 to 253", output);
        Assert.False(File.Exists(temp.Combine("xl.args")));
    }

    [Fact]
    public async Task With_the_CD_copied_to_RAM_it_says_guests_need_the_disc()
    {
        var (exitCode, output) = await RunAsync(usrSource: "tmpfs", bridgeExists: true, "1");

        Assert.Equal(1, exitCode);
        Assert.Contains("booted with xendemo.toram?", output);
        Assert.False(File.Exists(temp.Combine("xl.args")));
    }

    [Fact]
    public async Task On_an_installed_system_it_says_guests_need_the_CD_instead_of_failing_silently()
    {
        // Installed by xendemo-install --disk, /usr is a directory of the root file system:
        // findmnt finds no mount there and exits 1.
        var (exitCode, output) = await RunAsync(usrSource: null, bridgeExists: true, "1");

        Assert.Equal(1, exitCode);
        Assert.Contains("/usr is not a mount point", output);
        Assert.Contains("installed system", output);
        Assert.Contains("boot from the XenDemoCD", output);
        Assert.False(File.Exists(temp.Combine("xl.args")));
    }

    /// <param name="usrSource">What findmnt says is mounted on /usr; null: nothing (it exits 1).</param>
    private async Task<(int ExitCode, string Output)> RunAsync(
        string? usrSource,
        bool bridgeExists,
        params string[] arguments
    )
    {
        var log = temp.Path;
        FakeTool.Create(temp, "findmnt", usrSource is null ? "exit 1" : $"echo '{usrSource}'");
        FakeTool.Create(
            temp,
            "ip",
            $$"""
            printf '%s\n' "$*" >> '{{log}}/ip.args'
            case "$*" in
                "link show xenbr0") exit {{(bridgeExists ? 0 : 1)}} ;;
                "-o route show default") echo "default via 192.168.7.1 dev eth9 proto dhcp" ;;
                "-o -4 address show dev eth9") echo "2: eth9    inet 192.168.7.10/22 brd 192.168.7.255 scope global eth9" ;;
            esac
            """
        );
        FakeTool.Create(temp, "sysctl", $"printf '%s\\n' \"$*\" >> '{log}/sysctl.args'");
        FakeTool.Create(temp, "xendemo-nat-enable", $"touch '{log}/nat.ran'");
        FakeTool.Create(
            temp,
            "losetup",
            $"printf '%s\\n' \"$*\" >> '{log}/losetup.args'\ncase \"$*\" in --find*) echo /dev/loop7 ;; esac"
        );
        FakeTool.Create(temp, "xl", $"printf '%s\\n' \"$@\" > '{log}/xl.args'");
        return await ProcessRun.RunAsync(
            "sh",
            [Script, .. arguments],
            temp.Path,
            new Dictionary<string, string> { ["PATH"] = $"{temp.Combine("bin")}:/usr/bin:/bin" }
        );
    }

    private static string AnyBlockDevice() =>
        new[] { "/dev/loop0", "/dev/vda", "/dev/sda", "/dev/nvme0n1" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "no block device in /dev to stand in for the CD (looked for loop0, vda, sda, nvme0n1)"
        );
}
