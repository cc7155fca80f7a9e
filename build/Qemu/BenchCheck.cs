using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Serilog;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// The bench case, after dom0's own checks, on a CD built with <c>--profile=bench</c>: the
/// paper's comparison made as the README tells a user to make it. <c>xendemo-bench run
/// --quick</c> in dom0 and in guest 1 (started with the memory the suite needs), each file
/// collected over ssh from the build host; then the same CD booted again into "Linux without
/// Xen" for the native run. <c>xendemo-bench compare</c>, the CD's own copy, runs on the build
/// host and writes the table and the chart to <c>bench/</c> beside the serial logs.
/// </summary>
public sealed class BenchCheck(
    string qemu,
    string iso,
    string scratch,
    string rootPassword,
    bool quick,
    CancellationToken cancellation
)
{
    /// <summary>The directory xendemo-bench writes to by default, on each system's RAM root.</summary>
    private const string Results = "/root/bench-results";

    /// <summary>
    /// Guest 1's size for the suite: pgbench's database and fio's file live on its RAM root,
    /// half its memory. The full run's pgbench scale needs 450 MB there.
    /// </summary>
    private int GuestMemoryMiB => quick ? 768 : 1280;

    /// <summary>The machine's memory: dom0 keeps about 1 GiB beside guest 1 (the full run's is larger).</summary>
    public static int MachineMemoryMiB(bool quick) => quick ? 2048 : 3072;

    private const int GuestVcpus = 2;

    private TimeSpan RunTimeout => TimeSpan.FromMinutes(quick ? 40 : 120);

    /// <summary>The README's command, with <c>--quick</c> unless this is the full run.</summary>
    private string Run => quick ? "xendemo-bench run --quick" : "xendemo-bench run";
    private static readonly TimeSpan GuestUpTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan GrubTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromMinutes(12);

    public sealed record Outcome(IReadOnlyList<string> Failed, string Summary);

    /// <summary>
    /// The three systems' result files, in the table's column order, by the labels xendemo-bench
    /// gives them unless told (the README's commands).
    /// </summary>
    public static IReadOnlyList<string> Systems { get; } = ["native", "dom0", GuestCheck.Name];

    /// <summary>
    /// Where the files, the table and the chart land on the build host: <c>bench/</c> (the full
    /// run's <c>bench-full/</c>) beside the serial logs.
    /// </summary>
    public string HostDirectory { get; } =
        Directory.CreateDirectory(Path.Combine(scratch, quick ? "bench" : "bench-full")).FullName;

    /// <summary>The three result files once collected, in <see cref="Systems"/>' order.</summary>
    private IReadOnlyList<string> ResultFiles =>
        [.. Systems.Select(s => Path.Combine(HostDirectory, s + ".json"))];

    /// <summary>
    /// Runs the suite in dom0 and guest 1 on the machine logged in on <paramref name="console"/>
    /// (whose port <paramref name="dom0Ssh"/> reaches dom0's sshd and <paramref name="guestSsh"/>
    /// dom0's redirect to the guest), powers it off, then boots the native run and compares.
    /// </summary>
    public async Task<Outcome> RunAsync(
        SerialConsole console,
        DomainShell dom0,
        HostSsh dom0Ssh,
        HostSsh guestSsh
    )
    {
        var failed = new List<string>();
        var durations = new Dictionary<string, TimeSpan>();
        await dom0.RememberPasswordAsync(rootPassword);
        if (await dom0.RunAsync("bench-profile", "command -v sysbench >/dev/null") != 0)
        {
            return new Outcome(
                [
                    "bench-profile (this CD has no sysbench: the bench case needs a CD built with --profile=bench)",
                ],
                "not run: no bench profile on the CD"
            );
        }

        await XenSideAsync(dom0, dom0Ssh, guestSsh, failed, durations);
        // The files are collected and dom0's RAM root holds nothing more: the machine is
        // stopped rather than powered off, which under TCG waits minutes for xendomains while
        // Xen releases the guest's memory.
        await console.StopAsync();
        await NativeAsync(failed, durations);

        var table = await CompareAsync(failed);
        // A table means compare found every file.
        if (table is not null)
        {
            failed.AddRange(
                BenchResults.Problems(ResultFiles, table, quick, emulated: !QemuMachine.HasKvm)
            );
        }
        var summary =
            $"{Run}: "
            + string.Join(
                ", ",
                Systems.Select(s =>
                    $"{s} {(durations.TryGetValue(s, out var d) ? d.ToString(@"mm\:ss", CultureInfo.InvariantCulture) : "not run")}"
                )
            )
            + $"; table and chart in {HostDirectory}";
        Log.Information("bench: {Summary:l}", summary);
        return new Outcome(failed, summary);
    }

    /// <summary>Guest 1 up with an iperf3 server in both domains, then the suite in dom0 and in the guest.</summary>
    private async Task XenSideAsync(
        DomainShell dom0,
        HostSsh dom0Ssh,
        HostSsh guestSsh,
        List<string> failed,
        Dictionary<string, TimeSpan> durations
    )
    {
        var guest = GuestCheck.Ssh(GuestCheck.Address);
        var started = await dom0.RunAsync(
            "bench-guest-start",
            $"xendemo-guest --memory {GuestMemoryMiB} --vcpus {GuestVcpus} {GuestCheck.Guest}"
        );
        if (started != 0)
        {
            failed.Add($"bench-guest-start (xendemo-guest exited {started})");
            return;
        }
        // Each side serves the other's iperf3 (the suite's one benchmark that needs a peer).
        await Check(
            dom0,
            failed,
            "bench-guest-up",
            $"for i in $(seq 300); do {guest} true 2>/dev/null && break; sleep 2; done; {guest} iperf3 -s -D",
            GuestUpTimeout
        );
        await Check(dom0, failed, "bench-dom0-iperf3-server", "iperf3 -s -D");

        await RunSuiteAsync(dom0, "dom0", $"{Run} --peer {GuestCheck.Address}", failed, durations);
        await CollectAsync(dom0Ssh, $"{Results}/dom0.json", "dom0.json", failed);
        // compare runs on this host from the CD's own copy of the tool.
        await CollectAsync(dom0Ssh, "/usr/local/sbin/xendemo-bench", "xendemo-bench", failed);

        await RunSuiteAsync(
            dom0,
            GuestCheck.Name,
            $"{guest} {Run} --peer {GuestCheck.Dom0Address}",
            failed,
            durations
        );
        await CollectAsync(
            guestSsh,
            $"{Results}/{GuestCheck.Name}.json",
            $"{GuestCheck.Name}.json",
            failed
        );
    }

    /// <summary>
    /// The same CD again, "Linux without Xen", with the machine to itself; under TCG booted once
    /// more if its kernel panicked (<see cref="EmulatedPanic"/>).
    /// </summary>
    private Task NativeAsync(List<string> failed, Dictionary<string, TimeSpan> durations) =>
        EmulatedPanic.BootAsync(
            NativeSerialLog,
            "bench: native boot",
            retryOnPanic => NativeBootAsync(failed, durations, retryOnPanic)
        );

    private string NativeSerialLog => Path.Combine(scratch, "bench-native.serial.log");

    private async Task NativeBootAsync(
        List<string> failed,
        Dictionary<string, TimeSpan> durations,
        bool retryOnPanic
    )
    {
        var machineScratch = Directory
            .CreateDirectory(Path.Combine(scratch, "bench-native"))
            .FullName;
        var sshPort = BootCheck.FreeTcpPort();
        var machine = new QemuMachine(
            iso,
            Firmware.Bios,
            BootMedia.Cd,
            MachineMemoryMiB(quick),
            [new PortForward(sshPort, 22)]
        );
        await using var console = machine.StartHeadless(
            qemu,
            machineScratch,
            NativeSerialLog,
            SecretMask.ForRootPassword(rootPassword)
        );
        try
        {
            await console.BootGrubEntryAsync(BootCase.PlainLinuxEntry, GrubTimeout, cancellation);
            var shell = new DomainShell(console, cancellation);
            await shell.WaitForLoginPromptAsync(LoginTimeout);
            await shell.LogInAsync(rootPassword);
            await Check(
                shell,
                failed,
                "bench-native-sshd",
                "for i in $(seq 180); do ss -ltn | grep -q ':22 ' && break; sleep 1; done; ss -ltn | grep -q ':22 '"
            );
            await RunSuiteAsync(shell, "native", Run, failed, durations);
            await CollectAsync(
                new HostSsh(sshPort, rootPassword),
                $"{Results}/native.json",
                "native.json",
                failed
            );
        }
        catch (Exception e)
            when (e is TimeoutException or InvalidOperationException
                && !(e is KernelPanicException && retryOnPanic)
            )
        {
            Log.Error(
                "bench: native boot: {Message}; last lines:\n{Tail}",
                e.Message,
                console.Tail(30)
            );
            failed.Add($"bench-native ({e.Message})");
        }
    }

    private async Task RunSuiteAsync(
        DomainShell shell,
        string system,
        string command,
        List<string> failed,
        Dictionary<string, TimeSpan> durations
    )
    {
        Log.Information("bench: {System}: {Command:l}", system, command);
        var clock = Stopwatch.StartNew();
        var status = await shell.RunAsync($"bench-{system}", command, RunTimeout);
        durations[system] = clock.Elapsed;
        Log.Information(
            "bench: {System}: xendemo-bench exited {Status} after {Elapsed:mm\\:ss}",
            system,
            status,
            clock.Elapsed
        );
        if (status != 0)
        {
            failed.Add($"bench-{system} (xendemo-bench run exited {status})");
        }
    }

    /// <summary>scp of one file from the machine to <see cref="HostDirectory"/>, as the README shows.</summary>
    private async Task CollectAsync(HostSsh ssh, string remote, string name, List<string> failed)
    {
        var result = await ssh.CopyFromAsync(
            remote,
            Path.Combine(HostDirectory, name),
            cancellation
        );
        if (result.ExitCode != 0)
        {
            failed.Add(
                $"bench-collect {name} (scp -P {ssh.Port} root@127.0.0.1:{remote} exited {result.ExitCode}: {result.StandardError.Trim()})"
            );
        }
    }

    /// <summary>
    /// <c>xendemo-bench compare</c> on the build host, native first; its table is kept as
    /// <c>compare.txt</c> beside <c>comparison.svg</c>. Returns the table, or null when it failed.
    /// </summary>
    private async Task<string?> CompareAsync(List<string> failed)
    {
        var tool = Path.Combine(HostDirectory, "xendemo-bench");
        var files = ResultFiles;
        if (!File.Exists(tool) || !files.All(File.Exists))
        {
            failed.Add(
                $"bench-compare (not run: missing {string.Join(", ", files.Append(tool).Where(f => !File.Exists(f)).Select(Path.GetFileName))})"
            );
            return null;
        }
        var svg = Path.Combine(HostDirectory, "comparison.svg");
        var result = await Cli.Wrap("python3")
            .WithArguments([tool, "compare", .. files, "--svg", svg])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellation);
        await File.WriteAllTextAsync(
            Path.Combine(HostDirectory, "compare.txt"),
            result.StandardOutput,
            cancellation
        );
        Log.Information(
            "bench: xendemo-bench compare on the build host:\n{Table:l}",
            result.StandardOutput.TrimEnd()
        );
        if (result.ExitCode != 0 || !File.Exists(svg))
        {
            failed.Add(
                $"bench-compare (exited {result.ExitCode}{(File.Exists(svg) ? "" : ", no chart")}: {result.StandardError.Trim()})"
            );
            return null;
        }
        return result.StandardOutput;
    }

    private static async Task Check(
        DomainShell shell,
        List<string> failed,
        string name,
        string command,
        TimeSpan? timeout = null
    )
    {
        if (await shell.CheckAsync(name, command, null, timeout) is { } failure)
        {
            failed.Add(failure);
        }
    }
}
