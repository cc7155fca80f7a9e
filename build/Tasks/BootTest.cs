using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Testing;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Boots the ISO headless in QEMU for each case of <c>--boot-cases</c> (default: BIOS and UEFI
/// from CD and from USB, and the plain-Linux entry), logs in on the serial console and checks the
/// system from inside. Reports each case's time to the login prompt; on failure keeps the whole
/// serial log and prints its tail.
/// </summary>
[TaskName(nameof(BootTest))]
[TaskDescription(
    "Boots the ISO in QEMU (BIOS/UEFI, CD/USB, plain Linux) and checks it from inside"
)]
// Prerequisites directly too: with --iso the plan skips MasterIso and everything under it.
[IsDependentOn(typeof(Prerequisites))]
[IsDependentOn(typeof(MasterIso))]
public sealed class BootTest : BuildTask<BuildContext>
{
    /// <summary><c>--iso=PATH</c> boots that ISO (another build's, an older one to compare with).</summary>
    public override SuppliedDependency? Supplied(BuildContext context) =>
        Tasks.Run.GivenIso(context);

    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        Tasks.Run.GivenIsoChecks(context);

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [
            HostTools.Qemu,
            HostTool.Package("ovmf"),
            // The guest case logs in to the guest from here, through dom0's port redirect.
            .. context.Settings.BootCases.Any(c => c.StartsGuest)
                ? new[] { HostTool.Package("sshpass"), HostTool.Package("openssh-client") }
                : [],
            // The web case's browser: Debian's, never one a test tool downloads.
            .. context.Settings.BootCases.Any(c => c.ServesWebConsole)
                ? new[] { new HostTool(Qemu.CockpitBrowser.Chromium, "chromium") }
                : [],
        ];

    public override async Task RunAsync(BuildContext context)
    {
        var iso = context.Settings.Vm.Iso ?? MasterIso.PublishedIso(context);
        var scratch = Directory
            .CreateDirectory(Path.Combine(context.Paths.Out, "boot-test"))
            .FullName;
        var check = new BootCheck(
            ToolRunner.Find("qemu-system-x86_64")
                ?? throw new ToolNotFoundException(HostTools.Qemu, nameof(BootTest)),
            scratch,
            context.Settings.RootPassword,
            Cd.CdLayout.Kernel
        );
        var results = new List<BootCheck.Result>();
        foreach (var bootCase in context.Settings.BootCases)
        {
            Log.Information(
                "Booting {Iso} ({Case}){Accel}",
                Path.GetFileName(iso),
                bootCase.Name,
                QemuMachine.HasKvm ? " with KVM" : " under TCG"
            );
            var result = await check.RunAsync(bootCase, iso, context.Cancellation);
            results.Add(result);
            if (result.Passed)
            {
                Log.Information(
                    "{Case}: passed, login prompt after {Elapsed:mm\\:ss}",
                    bootCase.Name,
                    result.ToLogin
                );
                Log.Information(
                    "{Phases:l}",
                    BootPhases.Table(bootCase.Name, result.Phases, result.ToLogin).TrimEnd()
                );
            }
            else
            {
                Log.Error(
                    "{Case}: FAILED: {Failed}. Serial log: {Log}; its last lines:\n{Tail}",
                    bootCase.Name,
                    string.Join("; ", result.Failed),
                    result.SerialLog,
                    result.Tail
                );
            }
        }
        foreach (var result in results)
        {
            Log.Information(
                "  {Case,-14} {Result,-6} {Elapsed:mm\\:ss} to login{Detail:l}",
                result.Case.Name,
                result.Passed ? "passed" : "FAILED",
                result.ToLogin,
                result.Detail is { } detail ? "; " + detail : ""
            );
        }
        var passed = results.Count(r => r.Passed);
        context.Tally.Add(passed, results.Count - passed, 0);
        var line = $"Boot tests: {passed} passed, {results.Count - passed} failed";
        context.Outcomes.Note(nameof(BootTest), line);
        if (passed != results.Count)
        {
            throw new BootCasesFailedException([.. results.Where(r => !r.Passed)], scratch);
        }
    }
}
