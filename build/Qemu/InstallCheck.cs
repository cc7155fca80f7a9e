using System.Diagnostics;
using System.Globalization;
using Serilog;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// The install case, after the live CD's own checks: <c>xendemo-install --disk</c> onto the
/// machine's empty disk, power off, then the disk booted alone, by BIOS and by UEFI (a fresh OVMF
/// variable store, so nothing but the disk's removable-media path can boot), each logged in to
/// and checked: Xen runs, / is the disk's ext4, the ESP is mounted from fstab.
/// </summary>
public sealed class InstallCheck(
    string qemu,
    string scratch,
    string rootPassword,
    CancellationToken cancellation
)
{
    /// <summary>Big enough for the CD's /usr, the root and the ESP, with room to spare.</summary>
    public const long DiskBytes = 4L << 30;

    /// <summary>The disk as the live system sees it: the first SATA disk (the CD is sr0).</summary>
    private const string DiskDevice = "/dev/sda";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(25);
    private static readonly TimeSpan PowerOffTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan GrubTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromMinutes(12);

    public sealed record Outcome(IReadOnlyList<string> Failed, string Summary);

    /// <summary>A new, empty (sparse) disk image for the live machine to install onto.</summary>
    public static string CreateEmptyDisk(string directory)
    {
        var path = Path.Combine(directory, "disk.img");
        using var disk = new FileStream(path, FileMode.Create, FileAccess.Write);
        disk.SetLength(DiskBytes);
        return path;
    }

    /// <summary>Installs from the live system logged in on <paramref name="live"/>, then boots the disk twice.</summary>
    public async Task<Outcome> RunAsync(SerialConsole console, DomainShell live, string disk)
    {
        await live.RememberPasswordAsync(rootPassword);
        var clock = Stopwatch.StartNew();
        var status = await live.RunAsync(
            "install",
            $"printf '%s\\n' {DomainShell.PasswordVariable} | xendemo-install --disk {DiskDevice} --yes --root-password-stdin",
            InstallTimeout
        );
        var installTime = clock.Elapsed;
        if (status != 0)
        {
            return new Outcome(
                [$"install (xendemo-install --disk {DiskDevice} exited {status})"],
                "install failed"
            );
        }
        Log.Information("install: xendemo-install --disk took {Elapsed:mm\\:ss}", installTime);
        if (!await PowerOffAsync(console, live))
        {
            return new Outcome(["poweroff (the live system did not power off)"], "install done");
        }

        var failed = new List<string>();
        var logins = new List<string>();
        foreach (var firmware in new[] { Firmware.Bios, Firmware.Uefi })
        {
            var (problems, toLogin) = await BootDiskAsync(firmware, disk);
            failed.AddRange(problems);
            logins.Add(
                $"{firmware.ToString().ToUpperInvariant()} {(toLogin is { } t ? t.ToString(@"mm\:ss", CultureInfo.InvariantCulture) : "no login")}"
            );
        }
        var summary =
            $"installed in {installTime.ToString(@"mm\:ss", CultureInfo.InvariantCulture)}; disk to login: {string.Join(", ", logins)}";
        Log.Information("install: {Summary:l}", summary);
        return new Outcome(failed, summary);
    }

    private async Task<(IReadOnlyList<string> Failed, TimeSpan? ToLogin)> BootDiskAsync(
        Firmware firmware,
        string disk
    )
    {
        var name = $"disk-{firmware.ToString().ToLowerInvariant()}";
        var machineScratch = Directory.CreateDirectory(Path.Combine(scratch, name)).FullName;
        var machine = new QemuMachine("", firmware, BootMedia.Disk, 2048, [], disk);
        await using var console = machine.StartHeadless(
            qemu,
            machineScratch,
            Path.Combine(scratch, $"install-{name}.serial.log"),
            SecretMask.ForRootPassword(rootPassword)
        );
        try
        {
            await console.BootGrubEntryAsync(0, GrubTimeout, cancellation);
            var shell = new DomainShell(console, cancellation);
            var toLogin = await shell.WaitForLoginPromptAsync(LoginTimeout);
            Log.Information("install: {Name} login prompt after {Elapsed:mm\\:ss}", name, toLogin);
            await shell.LogInAsync(rootPassword);
            var failed = new List<string>(
                await shell.CheckAllAsync(
                    OnTheDisk.Select(c => ($"{name}-{c.Name}", c.Command)),
                    name
                )
            );
            if (!await PowerOffAsync(console, shell))
            {
                failed.Add($"{name}-poweroff (the installed system did not power off)");
            }
            return (failed, toLogin);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Log.Error(
                "install: {Name}: {Message}; last lines:\n{Tail}",
                name,
                e.Message,
                console.Tail(30)
            );
            return ([$"{name} ({e.Message})"], null);
        }
    }

    /// <summary>The installed system, as a disk install must be: not the CD's RAM root.</summary>
    private static IEnumerable<(string Name, string Command)> OnTheDisk =>
        [
            ("domain-0", "xl list | grep -q '^Domain-0 '"),
            (
                "root-is-ext4-on-disk",
                $"[ \"$(findmnt -n -o SOURCE,FSTYPE /)\" = '{DiskDevice}3 ext4' ]"
            ),
            ("root-is-writable", "touch /var/tmp/written && rm /var/tmp/written"),
            ("no-cd", "! grep -q ' iso9660 ' /proc/mounts"),
            ("esp-from-fstab", "[ \"$(findmnt -n -o FSTYPE /boot/efi)\" = vfat ]"),
            ("boot-is-a-directory", "[ -d /boot ] && [ ! -L /boot ] && [ -f /boot/xen.gz ]"),
            // The CD's console getty skips sysinit.target; the installer's drop-in puts it back.
            (
                "login-after-sysinit",
                "systemctl show -p After --value serial-getty@hvc0.service | grep -qw sysinit.target"
            ),
        ];

    private async Task<bool> PowerOffAsync(SerialConsole console, DomainShell shell)
    {
        await shell.RunAsync("sync", "sync");
        console.Type("poweroff\n");
        return await console.WaitForExitAsync(PowerOffTimeout, cancellation);
    }
}
