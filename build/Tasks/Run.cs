using System.Diagnostics;
using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Boots the ISO in QEMU for a person: the serial console on this terminal (Ctrl-A X quits) or a
/// window, BIOS or UEFI, CD or USB, host port 2222 forwarded to dom0's ssh and
/// <c>--web-port</c> (9090) to its web console.
/// </summary>
[TaskName(nameof(Run))]
[TaskDescription(
    "Boots the ISO in QEMU: --firmware=bios|uefi --media=cd|usb --memory=MiB --display=serial|window"
)]
// Prerequisites directly too: with --iso the plan skips MasterIso and everything under it, but
// QEMU and OVMF must still be checked (and installed as root).
[IsDependentOn(typeof(Prerequisites))]
[IsDependentOn(typeof(MasterIso))]
public sealed class Run : BuildTask<BuildContext>
{
    public const int SshHostPort = 2222;

    /// <summary>Guests 1 to 4 (xendemo-guest N), through dom0's port redirects 2200+N.</summary>
    private static readonly int[] GuestPorts = [2201, 2202, 2203, 2204];

    /// <summary>dom0's ssh, its web console (<c>--web-port</c>) and the guests' ssh redirects.</summary>
    public static IReadOnlyList<PortForward> Forwards(VmSettings settings) =>
        [
            new(SshHostPort, 22),
            new(settings.WebPort, WebConsoleCheck.CockpitPort),
            .. GuestPorts.Select(port => new PortForward(port, port)),
        ];

    /// <summary>Another ISO to boot: this checkout's need not be built.</summary>
    public override SuppliedDependency? Supplied(BuildContext context) => GivenIso(context);

    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        GivenIsoChecks(context);

    /// <summary><c>--iso</c>: MasterIso need not run (also for BootTest).</summary>
    public static SuppliedDependency? GivenIso(BuildContext context) =>
        context.Settings.Vm.Iso is { } iso ? new(typeof(MasterIso), $"--iso={iso} given") : null;

    /// <summary><c>--iso</c> names an existing file (also for BootTest).</summary>
    public static IEnumerable<InputCheck> GivenIsoChecks(BuildContext context) =>
        context.Settings.Vm.Iso is { } iso
            ?
            [
                new(
                    iso,
                    () =>
                    {
                        if (!File.Exists(iso))
                        {
                            throw new InputFileException(
                                iso,
                                "no such file (--iso)",
                                "give the path of an ISO to boot, or leave --iso out to build and boot this checkout's"
                            );
                        }
                    }
                ),
            ]
            : [];

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [HostTools.Qemu, HostTool.Package("ovmf")];

    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings.Vm;
        var iso = settings.Iso ?? MasterIso.PublishedIso(context);
        var scratch = Directory.CreateDirectory(Path.Combine(context.Paths.Out, "run")).FullName;
        var machine = new QemuMachine(
            iso,
            settings.Firmware,
            settings.Media,
            settings.MemoryMiB,
            Forwards(settings)
        );
        string[] display = settings.Window ? ["-serial", "vc", "-vga", "std"] : ["-nographic"];
        Log.Information(
            "Booting {Iso}: {Firmware}, {Media}, {Memory} MiB, {Accel}; ssh -p {Port} root@localhost (guest N: port 2200+N); web console https://localhost:{WebPort}/xen (root and the CD's password; Cockpit's certificate is made at its first start, so the browser warns once){Hint}",
            iso,
            settings.Firmware,
            settings.Media,
            settings.MemoryMiB,
            QemuMachine.HasKvm ? "KVM" : "TCG (no working KVM: slow)",
            SshHostPort,
            settings.WebPort,
            settings.Window ? "" : "; Ctrl-A X quits"
        );
        // The VM's console must own this terminal (raw keys, Ctrl-A X), which a redirected
        // CliWrap pipe cannot give it, so QEMU is started with the terminal inherited.
        var start = new ProcessStartInfo(
            ToolRunner.Find("qemu-system-x86_64")
                ?? throw new ToolNotFoundException(HostTools.Qemu, nameof(Run)),
            machine.Arguments(scratch, display)
        )
        {
            UseShellExecute = false,
        };
        using var qemu =
            Process.Start(start) ?? throw new InvalidOperationException("QEMU did not start.");
        await qemu.WaitForExitAsync(context.Cancellation);
        if (qemu.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"QEMU exited with {ToolFailedException.DescribeExit(qemu.ExitCode)}."
            );
        }
    }
}
