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
    public void Without_a_list_every_case_boots_the_same_as_all()
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
        Assert.Equal(BootCase.Parse("all"), BootCase.Parse(null));
        Assert.True(BootCase.Parse("install").Single().InstallsToDisk);
    }

    [Fact]
    public void The_web_case_boots_from_BIOS_CD_into_Xen_and_serves_the_web_console()
    {
        var web = BootCase.Parse("web").Single();

        Assert.True(web.ServesWebConsole);
        Assert.True(web.UnderXen);
        Assert.Equal((Firmware.Bios, BootMedia.Cd), (web.Firmware, web.Media));
        Assert.False(web.InstallsToDisk);
        Assert.False(web.StartsGuest);
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
