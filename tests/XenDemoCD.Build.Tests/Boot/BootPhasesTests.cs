using XenDemoCD.Build.Qemu;

namespace XenDemoCD.Build.Tests.Boot;

public sealed class BootPhasesTests
{
    private static TimedLine At(double seconds, string text) =>
        new(TimeSpan.FromSeconds(seconds), text);

    private static readonly TimedLine[] XenBoot =
    [
        At(3, "GNU GRUB  version 2.12-9"),
        At(9, "(XEN) Xen version 4.20.5-pre (Debian 4.20.4+63-g7abfd2bce2-0+deb13u1)"),
        At(9.5, "(XEN) Command line: placeholder console=com1"),
        At(21, "[    0.000000] Linux version 6.12.117 (root@xendemo) #1 SMP"),
        At(30, "linuxrc: XenDemoCD initrd: finding the CD"),
        At(
            31,
            "linuxrc: found the CD: /dev/sr0: ISO 9660 volume 'XENDEMOCD' with /XenDemoCD/root.tar.gz"
        ),
        At(31.5, "linuxrc: unpacking /XenDemoCD/root.tar.gz into RAM (tmpfs, size=50%)"),
        At(34, "linuxrc: switching to the RAM root; starting /sbin/init"),
        At(35, "Welcome to Debian GNU/Linux 13 (trixie)!"),
    ];

    [Fact]
    public void A_xen_boot_is_split_at_xen_the_kernel_linuxrc_and_the_switch_to_systemd()
    {
        var phases = BootPhases.Measure(XenBoot, TimeSpan.FromSeconds(60));

        Assert.Equal(
            [
                ("firmware and GRUB", 9.0),
                ("Xen until dom0's kernel", 12.0),
                ("kernel until linuxrc", 9.0),
                ("linuxrc: finding the CD", 1.0),
                ("linuxrc: to the unpacking", 0.5),
                ("linuxrc: unpacking root.tar.gz", 2.5),
                ("systemd until the login prompt", 26.0),
            ],
            phases.Select(p => (p.Name, p.Duration.TotalSeconds))
        );
        Assert.Equal(60.0, phases.Sum(p => p.Duration.TotalSeconds));
    }

    [Fact]
    public void Without_xen_grub_ends_at_the_kernel_and_there_is_no_xen_phase()
    {
        var phases = BootPhases.Measure(
            [.. XenBoot.Where(l => !l.Text.StartsWith("(XEN)", StringComparison.Ordinal))],
            TimeSpan.FromSeconds(50)
        );

        Assert.Equal(21.0, phases[0].Duration.TotalSeconds);
        Assert.DoesNotContain(phases, p => p.Name.StartsWith("Xen", StringComparison.Ordinal));
    }

    [Fact]
    public void The_table_gives_each_phase_its_start_length_and_share()
    {
        var table = BootPhases.Table(
            "bios-cd",
            BootPhases.Measure(XenBoot, TimeSpan.FromSeconds(60)),
            TimeSpan.FromSeconds(60)
        );

        Assert.StartsWith("bios-cd: login prompt after 60.0 s\n", table);
        var xen = table.Split('\n').Single(l => l.Contains("Xen until", StringComparison.Ordinal));
        Assert.Equal(
            ["Xen", "until", "dom0's", "kernel", "9.0", "12.0s", "20%"],
            xen.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        );
    }
}
