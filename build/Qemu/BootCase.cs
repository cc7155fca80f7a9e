namespace XenDemoCD.Build.Qemu;

/// <summary>One way of booting the CD: firmware, medium and GRUB menu entry.</summary>
public sealed record BootCase(
    string Name,
    Firmware Firmware,
    BootMedia Media,
    int MenuEntry,
    bool StartsGuest = false,
    bool InstallsToDisk = false,
    bool ServesWebConsole = false,
    bool RunsBenchmarks = false,
    bool FullBenchmarks = false,
    bool SecureBoot = false
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
        // UEFI-CD with Secure Boot enforced and Microsoft's keys, as on a PC: the certificate
        // enrolled through MokManager on the console, the boot to dom0, then the same CD with
        // one byte of its kernel changed, which must not start. Needs --secure-boot; only when named.
        new("uefi-secureboot", Firmware.Uefi, BootMedia.Cd, 0, SecureBoot: true),
        // BIOS-CD again, then a guest started from dom0 and reached over xl console and ssh.
        new("guest", Firmware.Bios, BootMedia.Cd, 0, StartsGuest: true),
        // UEFI-CD (so every uefi-cd check runs here too) with an empty disk: xendemo-install
        // --disk, then the disk booted alone by BIOS and by UEFI.
        new("install", Firmware.Uefi, BootMedia.Cd, 0, InstallsToDisk: true),
        // BIOS-CD with an empty disk and dom0's port 9090 forwarded: first every guest check
        // but the shutdown (guest 1 started with xendemo-guest, logged in, reached by ssh), then
        // Chromium on the build host manages guests through Cockpit's "Xen domains" page, guest 1
        // from its console to its shutdown, guest 2 from the start button. CI boots this one
        // rather than guest and web apart: one dom0 boot and one guest boot fewer.
        new("web", Firmware.Bios, BootMedia.Cd, 0, StartsGuest: true, ServesWebConsole: true),
        // BIOS-CD built with --profile=bench: xendemo-bench --quick in dom0 and in guest 1, then
        // the CD booted again without Xen for native; compare's table and chart on the build host.
        new("bench", Firmware.Bios, BootMedia.Cd, 0, RunsBenchmarks: true),
        // The same without --quick: the full suite's figures and durations, for measuring by
        // hand (about an hour under TCG), never a default.
        new(
            "bench-full",
            Firmware.Bios,
            BootMedia.Cd,
            0,
            RunsBenchmarks: true,
            FullBenchmarks: true
        ),
    ];

    /// <summary>The profile a case's CD must be built with (<c>--profile</c>), or null.</summary>
    public string? NeedsProfile => RunsBenchmarks ? "bench" : null;

    /// <summary>
    /// What BootTest boots unless told: every case the default CD can pass (bench needs its
    /// profile's programs).
    /// </summary>
    public static IReadOnlyList<BootCase> Default =>
        [.. All.Where(c => c.NeedsProfile is null && !c.SecureBoot)];

    /// <summary>
    /// What <c>all</c> boots: every case but the hour-long full benchmark run and the Secure
    /// Boot case, which needs a CD built with <c>--secure-boot</c> (the default CD has no shim).
    /// </summary>
    private static IReadOnlyList<BootCase> AllButFull =>
        [.. All.Where(c => !c.FullBenchmarks && !c.SecureBoot)];

    /// <summary>
    /// Refuses, before anything is built, a case whose profile this build leaves out. With
    /// <c>--iso</c> the CD is another build's: the case itself says when the programs are missing.
    /// </summary>
    public static void RequireProfiles(
        IReadOnlyList<BootCase> cases,
        IReadOnlyList<string> profiles,
        string? iso
    )
    {
        if (iso is not null)
        {
            return;
        }
        foreach (var c in cases)
        {
            if (c.NeedsProfile is { } profile && !profiles.Contains(profile))
            {
                throw new Host.CommandLineException(
                    $"--boot-cases: the case '{c.Name}' needs a CD built with --profile={profile}; add --profile={profile} (the ISO is then named xendemo-VERSION-{profile}.iso), or give that CD with --iso=PATH"
                );
            }
        }
    }

    public static IReadOnlyList<BootCase> Parse(string? list)
    {
        if (list is null)
        {
            return Default;
        }
        if (list == "all")
        {
            return AllButFull;
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
