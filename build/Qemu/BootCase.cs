namespace XenDemoCD.Build.Qemu;

/// <summary>One way of booting the CD: firmware, medium and GRUB menu entry.</summary>
public sealed record BootCase(
    string Name,
    Firmware Firmware,
    BootMedia Media,
    int MenuEntry,
    bool StartsGuest = false,
    bool InstallsToDisk = false,
    bool ServesWebConsole = false
)
{
    /// <summary>The GRUB entry "Linux without Xen".</summary>
    public const int PlainLinuxEntry = 3;

    public bool UnderXen => MenuEntry != PlainLinuxEntry;

    public static IReadOnlyList<BootCase> All { get; } =
    [
        new("bios-cd", Firmware.Bios, BootMedia.Cd, 0),
        new("uefi-cd", Firmware.Uefi, BootMedia.Cd, 0),
        new("bios-usb", Firmware.Bios, BootMedia.Usb, 0),
        new("uefi-usb", Firmware.Uefi, BootMedia.Usb, 0),
        new("linux-bios-cd", Firmware.Bios, BootMedia.Cd, PlainLinuxEntry),
        // BIOS-CD again, then a guest started from dom0 and reached over xl console and ssh.
        new("guest", Firmware.Bios, BootMedia.Cd, 0, StartsGuest: true),
        // BIOS-CD with an empty disk: xendemo-install --disk, then the disk booted alone by
        // BIOS and by UEFI.
        new("install", Firmware.Bios, BootMedia.Cd, 0, InstallsToDisk: true),
        // BIOS-CD with an empty disk and dom0's port 9090 forwarded: Chromium on the build host
        // manages a guest through Cockpit's "Xen domains" page.
        new("web", Firmware.Bios, BootMedia.Cd, 0, ServesWebConsole: true),
    ];

    /// <summary>What BootTest boots unless told: every case.</summary>
    public static IReadOnlyList<BootCase> Default => All;

    public static IReadOnlyList<BootCase> Parse(string? list)
    {
        if (list is null)
        {
            return Default;
        }
        if (list == "all")
        {
            return All;
        }
        var cases = new List<BootCase>();
        foreach (
            var name in list.Split(
                ',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
        )
        {
            cases.Add(
                All.FirstOrDefault(c => c.Name == name)
                    ?? throw new Host.CommandLineException(
                        $"--boot-cases: unknown case '{name}'; valid: {string.Join(", ", All.Select(c => c.Name))}, all."
                    )
            );
        }
        return cases;
    }
}
