using System.Globalization;
using CliWrap;

namespace XenDemoCD.Build.Qemu;

public enum Firmware
{
    Bios,
    Uefi,
}

public enum BootMedia
{
    Cd,
    Usb,

    /// <summary>The hard disk alone, without the ISO: a system xendemo-install put there.</summary>
    Disk,

    /// <summary>No boot medium: QEMU loads the machine's <see cref="DirectKernel"/> itself.</summary>
    None,
}

/// <summary>Where the hard disk image is attached.</summary>
public enum DiskBus
{
    /// <summary>The AHCI port after the CD's: the machine's /dev/sda, as on a PC.</summary>
    Sata,

    /// <summary>virtio-blk: /dev/vda, which a kernel reaches without an AHCI driver.</summary>
    Virtio,
}

/// <summary>
/// A QEMU PC that boots the ISO: q35, BIOS (SeaBIOS) or UEFI (OVMF, with a fresh copy of the
/// variable store every boot, or OVMF falls to its shell), the ISO as a CD or as a USB stick, a
/// NIC with host port forwarding to dom0's ssh, and optionally a raw hard disk image on the
/// SATA controller (the machine's /dev/sda). KVM when it works; otherwise TCG with SMAP/SMEP
/// off, without which a PV dom0 faults at once. Tests of the kernel and the initrd give it a
/// <see cref="DirectKernel"/> instead of a boot loader. BootTest, Run and the tests all boot
/// through this one machine.
/// </summary>
public sealed record QemuMachine(
    string Iso,
    Firmware Firmware,
    BootMedia Media,
    int MemoryMiB,
    IReadOnlyList<PortForward> Forwards,
    string? HardDisk = null
)
{
    public const string OvmfCode = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    public const string OvmfVars = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    private static readonly Lazy<bool> KvmProbe = new(ProbeKvm);

    /// <summary>A kernel QEMU loads itself, without the firmware's boot loader; the machine then
    /// powers off instead of rebooting (a kernel's panic=-1 ends the run).</summary>
    public DirectKernel? Kernel { get; init; }

    public DiskBus DiskBus { get; init; } = DiskBus.Sata;

    /// <summary>The machine's CPUs: two, as dom0 has, unless a test needs only one.</summary>
    public int Cpus { get; init; } = 2;

    /// <summary>
    /// UEFI with Secure Boot enforced: OVMF's Secure Boot build (which needs SMM, so the
    /// variables cannot be written around it) and this variable store, used as it is and kept
    /// between boots, as a PC's NVRAM is (MokManager's enrolment must survive its reboot).
    /// </summary>
    public string? SecureBootVars { get; init; }

    public const string OvmfSecureBootCode = "/usr/share/OVMF/OVMF_CODE_4M.secboot.fd";

    /// <summary>Microsoft's keys in KEK and db, as PCs ship: Debian's shim starts, our GRUB does not until enrolled.</summary>
    public const string OvmfMicrosoftVars = "/usr/share/OVMF/OVMF_VARS_4M.ms.fd";

    /// <summary>
    /// KVM that really works: /dev/kvm can exist in a VM whose nested KVM rejects the vCPU's MSRs,
    /// and QEMU then aborts while it creates the machine.
    /// </summary>
    public static bool HasKvm => KvmProbe.Value;

    /// <summary>
    /// Creates a paused KVM machine and asks it, over QMP, to quit: only a QEMU that got as far
    /// as answering exits 0. Decided by how it ended, not by how long it lived: on a loaded
    /// machine the abort came after the few seconds an earlier probe waited, that probe took KVM
    /// for working, and every boot then died at once.
    /// </summary>
    private static bool ProbeKvm() =>
        File.Exists("/dev/kvm")
        && HasHardwareVirtualization(File.ReadAllText("/proc/cpuinfo"))
        && Tools.ToolRunner.Find("qemu-system-x86_64") is { } qemu
        && RunsAKvmMachine(qemu);

    /// <summary>
    /// Whether the CPU flags of <paramref name="cpuinfo"/> include VT-x or AMD-V, without which
    /// no real KVM runs. A sandbox here offered a /dev/kvm on a CPU without either: QEMU made
    /// and ran the machine (SeaBIOS, GRUB), but Xen never printed a line, and a boot case waited
    /// out its twelve minutes. Under TCG the same CD boots.
    /// </summary>
    public static bool HasHardwareVirtualization(string cpuinfo) =>
        cpuinfo
            .Split('\n')
            .Where(line => line.StartsWith("flags", StringComparison.Ordinal))
            .Any(line =>
                line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is var flags
                && (flags.Contains("vmx") || flags.Contains("svm"))
            );

    /// <summary>Whether <paramref name="qemu"/> creates a KVM machine and quits it cleanly.</summary>
    public static bool RunsAKvmMachine(string qemu)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            var result = Cli.Wrap(qemu)
                .WithArguments([
                    "-enable-kvm",
                    "-cpu",
                    "host",
                    "-M",
                    "q35",
                    "-m",
                    "128",
                    "-display",
                    "none",
                    "-monitor",
                    "none",
                    "-serial",
                    "none",
                    "-nodefaults",
                    "-S",
                    "-qmp",
                    "stdio",
                ])
                .WithStandardInputPipe(
                    PipeSource.FromString(
                        "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n"
                    )
                )
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(timeout.Token)
                .GetAwaiter()
                .GetResult();
            return result.ExitCode == 0;
        }
        catch (OperationCanceledException)
        {
            // A KVM machine that cannot even quit is no KVM to boot on.
            return false;
        }
    }

    /// <summary>
    /// Starts the machine without a screen, its serial port on a <see cref="SerialConsole"/>
    /// that logs to <paramref name="logFile"/> with <paramref name="mask"/>'s secrets masked.
    /// </summary>
    public SerialConsole StartHeadless(
        string qemu,
        string scratch,
        string logFile,
        SecretMask mask
    ) =>
        SerialConsole.Start(
            qemu,
            Arguments(scratch, ["-display", "none", "-monitor", "none", "-serial", "stdio"]),
            logFile,
            mask
        );

    /// <summary>
    /// The CPU under TCG. A PV dom0 needs SMAP and SMEP off. XSAVE is off because with it
    /// (QEMU 7.2's TCG, Xen 4.17) a guest domain's registers come back corrupted once Xen
    /// switches between domains: its systemd, glibc's malloc and OpenSSL died at the same
    /// instructions on every boot, and without XSAVE the same ISO's guest booted clean. Dom0
    /// alone never showed it; real hardware and KVM are not concerned. Re-checked with Xen 4.20
    /// (QEMU 7.2.22): the guest's systemd-sysusers still segfaulted in libc with XSAVE on.
    /// </summary>
    public const string TcgCpu = "max,-smap,-smep,-xsave";

    /// <summary>The arguments; <paramref name="scratch"/> receives the UEFI variable store copy.</summary>
    public IReadOnlyList<string> Arguments(string scratch, IEnumerable<string> display)
    {
        var arguments = new List<string>
        {
            "-M",
            SecureBootVars is null ? "q35" : "q35,smm=on",
            "-m",
            MemoryMiB.ToString(CultureInfo.InvariantCulture),
            "-smp",
            Cpus.ToString(CultureInfo.InvariantCulture),
        };
        arguments.AddRange(HasKvm ? ["-enable-kvm", "-cpu", "host"] : ["-cpu", TcgCpu]);
        if (Firmware == Firmware.Uefi && SecureBootVars is not null)
        {
            foreach (var file in new[] { OvmfSecureBootCode, SecureBootVars })
            {
                if (!File.Exists(file))
                {
                    throw new InvalidOperationException($"{file} is missing: apt-get install ovmf");
                }
            }
            arguments.AddRange([
                "-global",
                "driver=cfi.pflash01,property=secure,value=on",
                "-drive",
                $"if=pflash,format=raw,unit=0,readonly=on,file={OvmfSecureBootCode}",
                "-drive",
                $"if=pflash,format=raw,unit=1,file={SecureBootVars}",
            ]);
        }
        else if (Firmware == Firmware.Uefi)
        {
            if (!File.Exists(OvmfCode))
            {
                throw new InvalidOperationException($"{OvmfCode} is missing: apt-get install ovmf");
            }
            var vars = Path.Combine(scratch, "OVMF_VARS.fd");
            File.Copy(OvmfVars, vars, overwrite: true);
            arguments.AddRange([
                "-drive",
                $"if=pflash,format=raw,unit=0,readonly=on,file={OvmfCode}",
                "-drive",
                $"if=pflash,format=raw,unit=1,file={vars}",
            ]);
        }
        arguments.AddRange(
            Media switch
            {
                BootMedia.Cd =>
                [
                    "-drive",
                    $"file={Iso},format=raw,media=cdrom,readonly=on,if=none,id=cd0",
                    "-device",
                    "ide-cd,drive=cd0,bootindex=1",
                ],
                BootMedia.Usb =>
                [
                    "-device",
                    "qemu-xhci,id=xhci",
                    "-drive",
                    $"file={Iso},format=raw,if=none,id=stick,snapshot=on",
                    "-device",
                    "usb-storage,bus=xhci.0,drive=stick,bootindex=1",
                ],
                _ => [],
            }
        );
        if (HardDisk is not null)
        {
            arguments.AddRange([
                "-drive",
                $"file={HardDisk},format=raw,if=none,id=hd0",
                "-device",
                DiskBus == DiskBus.Virtio
                    ? "virtio-blk-pci,drive=hd0"
                    // On the AHCI port after the CD's, so the CD stays sr0 and the disk is sda.
                    : $"ide-hd,drive=hd0,bus=ide.2,bootindex={(Media == BootMedia.Disk ? 1 : 2)}",
            ]);
        }
        else if (Media == BootMedia.Disk)
        {
            throw new InvalidOperationException(
                "Booting from the hard disk needs a HardDisk image."
            );
        }
        if (Kernel is not null)
        {
            arguments.AddRange([.. Kernel.Arguments, "-no-reboot"]);
        }
        else if (Media == BootMedia.None)
        {
            throw new InvalidOperationException("A machine without boot media needs a Kernel.");
        }
        var forwards = string.Concat(
            Forwards.Select(f => $",hostfwd=tcp:127.0.0.1:{f.HostPort}-:{f.MachinePort}")
        );
        arguments.AddRange(["-netdev", $"user,id=net0{forwards}", "-device", "e1000,netdev=net0"]);
        arguments.AddRange(display);
        return arguments;
    }
}

/// <summary>A TCP port of the build host's loopback forwarded to a port of the machine (dom0).</summary>
public sealed record PortForward(int HostPort, int MachinePort);
