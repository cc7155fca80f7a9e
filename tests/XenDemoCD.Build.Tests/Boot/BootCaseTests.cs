using XenDemoCD.Build.Host;
using XenDemoCD.Build.Qemu;

namespace XenDemoCD.Build.Tests.Boot;

public sealed class BootCaseTests
{
    [Fact]
    public void The_guest_case_boots_from_BIOS_CD_into_Xen_and_starts_a_guest()
    {
        var cases = BootCase.Parse("guest,uefi-cd");

        Assert.Equal(["guest", "uefi-cd"], cases.Select(c => c.Name));
        var guest = cases[0];
        Assert.True(guest.StartsGuest);
        Assert.True(guest.UnderXen);
        Assert.Equal((Firmware.Bios, BootMedia.Cd), (guest.Firmware, guest.Media));
        Assert.False(cases[1].StartsGuest);
    }

    [Fact]
    public void Without_a_list_every_case_the_default_CD_can_pass_boots_and_all_adds_bench()
    {
        Assert.Equal(
            [
                "bios-cd",
                "uefi-cd",
                "bios-usb",
                "uefi-usb",
                "linux-bios-cd",
                "guest",
                "install",
                "web",
            ],
            BootCase.Parse(null).Select(c => c.Name)
        );
        Assert.Equal(
            [.. BootCase.Parse(null), BootCase.Parse("bench").Single()],
            BootCase.Parse("all")
        );
        Assert.True(BootCase.Parse("install").Single().InstallsToDisk);
    }

    [Fact]
    public void The_bench_case_boots_from_BIOS_CD_into_Xen_and_needs_the_bench_profile()
    {
        var bench = BootCase.Parse("bench").Single();

        Assert.True(bench.RunsBenchmarks);
        Assert.True(bench.UnderXen);
        Assert.Equal((Firmware.Bios, BootMedia.Cd), (bench.Firmware, bench.Media));
        Assert.Equal("bench", bench.NeedsProfile);
        Assert.All(BootCase.Parse(null), c => Assert.Null(c.NeedsProfile));
    }

    [Fact]
    public void The_full_bench_case_runs_the_whole_suite_needs_the_bench_profile_and_is_not_in_all()
    {
        var full = BootCase.Parse("bench-full").Single();

        Assert.True(full.RunsBenchmarks);
        Assert.True(full.FullBenchmarks);
        Assert.False(BootCase.Parse("bench").Single().FullBenchmarks);
        Assert.Equal("bench", full.NeedsProfile);
        Assert.DoesNotContain(full, BootCase.Parse("all"));
    }

    [Fact]
    public void The_bench_case_without_the_bench_profile_is_refused_before_anything_is_built()
    {
        var cases = BootCase.Parse("bios-cd,bench");

        var error = Assert.Throws<CommandLineException>(() =>
            BootCase.RequireProfiles(cases, [], iso: null)
        );

        Assert.Contains("'bench' needs a CD built with --profile=bench", error.Message);
        Assert.Contains("or give that CD with --iso=PATH", error.Message);
        BootCase.RequireProfiles(cases, ["bench"], iso: null);
        BootCase.RequireProfiles(cases, [], iso: "/tmp/xendemo-1.0-bench.iso");
    }

    [Fact]
    public void The_web_case_boots_from_BIOS_CD_into_Xen_runs_the_guest_checks_and_serves_the_web_console()
    {
        var web = BootCase.Parse("web").Single();

        Assert.True(web.ServesWebConsole);
        Assert.True(web.UnderXen);
        Assert.Equal((Firmware.Bios, BootMedia.Cd), (web.Firmware, web.Media));
        Assert.False(web.InstallsToDisk);
        Assert.True(web.StartsGuest);
    }

    [Fact]
    public void An_unknown_case_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<CommandLineException>(() => BootCase.Parse("bios-floppy"));

        Assert.Contains("unknown case 'bios-floppy'", error.Message);
        Assert.Contains("guest", error.Message);
        Assert.Contains("linux-bios-cd", error.Message);
    }

    [Fact]
    public void Each_port_forward_reaches_its_own_port_of_the_machine()
    {
        var machine = new QemuMachine(
            "/tmp/x.iso",
            Firmware.Bios,
            BootMedia.Cd,
            2048,
            [new(2222, 22), new(40123, 2201)]
        );

        var arguments = machine.Arguments("/tmp", []);

        Assert.Contains(
            "user,id=net0,hostfwd=tcp:127.0.0.1:2222-:22,hostfwd=tcp:127.0.0.1:40123-:2201",
            arguments
        );
    }
}
