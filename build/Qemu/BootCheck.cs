using System.Diagnostics;
using System.Text.RegularExpressions;
using Serilog;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// Boots the ISO in one <see cref="BootCase"/>, logs in as root on the serial console and checks
/// the system from inside: Xen runs with Domain-0, / is the tmpfs holding the unpacked root, /usr
/// is the CD, sshd listens, a rootpatch file is there.
/// </summary>
/// <param name="kernelPath">The path on the CD of its kernel, which the Secure Boot case tampers with.</param>
public sealed class BootCheck(string qemu, string scratch, string rootPassword, string kernelPath)
{
    private static readonly TimeSpan GrubTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan LoginTimeout = TimeSpan.FromMinutes(12);

    /// <summary>
    /// Whether <c>CASE.boot.txt</c> gets systemd's own account from inside (BootTest's cases do).
    /// A test that needs only the checks leaves it out: under TCG its critical-chain alone takes
    /// 30 s or more of every boot.
    /// </summary>
    public bool AnalysesBoot { get; init; } = true;

    public sealed record Result(
        BootCase Case,
        bool Passed,
        TimeSpan ToLogin,
        IReadOnlyList<string> Failed,
        string SerialLog,
        string Tail,
        string? Detail
    )
    {
        /// <summary>Where the boot's time went, up to the login prompt (empty when it did not get there).</summary>
        public IReadOnlyList<BootPhase> Phases { get; init; } = [];
    }

    /// <summary>
    /// One boot of <paramref name="bootCase"/>, booted once more under TCG if its kernel
    /// panicked (<see cref="EmulatedPanic"/>).
    /// </summary>
    public Task<Result> RunAsync(BootCase bootCase, string iso, CancellationToken cancellation) =>
        EmulatedPanic.BootAsync(
            SerialLog(bootCase),
            bootCase.Name,
            retryOnPanic => RunOnceAsync(bootCase, iso, retryOnPanic, cancellation)
        );

    private string SerialLog(BootCase bootCase) =>
        Path.Combine(scratch, $"{bootCase.Name}.serial.log");

    private async Task<Result> RunOnceAsync(
        BootCase bootCase,
        string iso,
        bool retryOnPanic,
        CancellationToken cancellation
    )
    {
        var guestSshPort = bootCase.StartsGuest || bootCase.RunsBenchmarks ? FreeTcpPort() : 0;
        var dom0SshPort = bootCase.RunsBenchmarks ? FreeTcpPort() : 0;
        var webPort = bootCase.ServesWebConsole ? FreeTcpPort() : 0;
        var caseScratch = Directory.CreateDirectory(Path.Combine(scratch, bootCase.Name)).FullName;
        var disk =
            bootCase.InstallsToDisk || bootCase.ServesWebConsole
                ? InstallCheck.CreateEmptyDisk(caseScratch)
                : null;
        var machine = new QemuMachine(
            iso,
            bootCase.Firmware,
            bootCase.Media,
            bootCase.RunsBenchmarks ? BenchCheck.MachineMemoryMiB(!bootCase.FullBenchmarks) : 2048,
            [
                .. guestSshPort != 0
                    ? new[] { new PortForward(guestSshPort, GuestCheck.Dom0PortOfGuest) }
                    : [],
                .. dom0SshPort != 0 ? new[] { new PortForward(dom0SshPort, 22) } : [],
                .. bootCase.ServesWebConsole
                    ? new[] { new PortForward(webPort, WebConsoleCheck.CockpitPort) }
                    : [],
            ],
            disk
        )
        {
            SecureBootVars = bootCase.SecureBoot
                ? SecureBootCheck.FreshVariables(caseScratch)
                : null,
        };
        var logFile = SerialLog(bootCase);
        await using var console = machine.StartHeadless(
            qemu,
            caseScratch,
            logFile,
            SecretMask.ForRootPassword(rootPassword)
        );
        var clock = Stopwatch.StartNew();
        var toLogin = TimeSpan.Zero;
        try
        {
            if (bootCase.SecureBoot)
            {
                var enrolment = await new MokEnrolment(console, cancellation).EnrolAsync();
                Log.Information(
                    "{Case}: certificate enrolled through MokManager:\n{Steps:l}",
                    bootCase.Name,
                    string.Join("\n", enrolment)
                );
            }
            await console.BootGrubEntryAsync(bootCase.MenuEntry, GrubTimeout, cancellation);
            Log.Information(
                "{Case}: GRUB menu after {Elapsed:mm\\:ss}, booting entry {Entry}",
                bootCase.Name,
                clock.Elapsed,
                bootCase.MenuEntry
            );

            var shell = new DomainShell(console, cancellation);
            toLogin = await shell.WaitForLoginPromptAsync(LoginTimeout);
            Log.Information("{Case}: login prompt after {Elapsed:mm\\:ss}", bootCase.Name, toLogin);
            var phases = BootPhases.Measure(console.Lines, toLogin);
            await shell.LogInAsync(rootPassword);
            // The login prompt comes before the boot has finished; the checks (xl needs
            // xenstored) and systemd-analyze wait for it.
            await shell.RunAsync(
                "boot-finished",
                "timeout 90 systemctl is-system-running --wait >/dev/null"
            );
            if (AnalysesBoot)
            {
                await SaveBootAnalysisAsync(shell, bootCase, phases, toLogin);
            }

            var failed = new List<string>(await shell.CheckAllAsync(Checks(bootCase)));
            if (failed.Any(f => f.StartsWith("sshd-listens", StringComparison.Ordinal)))
            {
                // What systemd says of the key generation and of sshd, for the failure message.
                failed.Add(
                    "ssh units: "
                        + await shell.OutputAsync(
                            "ssh-units",
                            "systemctl status --no-pager --lines=8 xendemo-ssh-keygen.service ssh.service ssh.socket 2>&1 | tail -40"
                        )
                );
            }
            // What the CD booted, from inside: the Xen `xl info` reports, the kernel, the Debian.
            Log.Information(
                "{Case}: {System:l}",
                bootCase.Name,
                await shell.ValueAsync(
                    "system",
                    bootCase.UnderXen
                        ? "echo Xen $(xl info | sed -n 's/^xen_version *: //p'), Linux $(uname -r), Debian $(cat /etc/debian_version)"
                        : "echo Linux $(uname -r) without Xen, Debian $(cat /etc/debian_version)"
                )
            );
            string? detail = null;
            if (bootCase.InstallsToDisk && disk is not null)
            {
                var install = new InstallCheck(qemu, caseScratch, rootPassword, cancellation);
                var outcome = await install.RunAsync(console, shell, disk);
                failed.AddRange(outcome.Failed);
                detail = outcome.Summary;
            }
            if (bootCase.StartsGuest)
            {
                var guestCheck = new GuestCheck(
                    console,
                    shell,
                    rootPassword,
                    guestSshPort,
                    keepRunning: bootCase.ServesWebConsole,
                    cancellation
                );
                var outcome = await guestCheck.RunAsync();
                failed.AddRange(outcome.Failed);
                detail = outcome.Summary;
            }
            if (bootCase.ServesWebConsole)
            {
                var web = new WebConsoleCheck(shell, rootPassword, webPort, caseScratch, scratch);
                var outcome = await web.RunAsync();
                failed.AddRange(outcome.Failed);
                detail = detail is null ? outcome.Summary : $"{detail}; {outcome.Summary}";
            }
            if (bootCase.SecureBoot && failed.Count == 0)
            {
                // The store now holds the enrolled certificate; only one QEMU may have it open.
                await console.StopAsync();
                var outcome = await SecureBootCheck.RefusesTamperedAsync(
                    qemu,
                    machine,
                    iso,
                    kernelPath,
                    caseScratch,
                    suffix => Path.Combine(scratch, $"{bootCase.Name}-{suffix}.serial.log"),
                    SecretMask.ForRootPassword(rootPassword),
                    cancellation
                );
                failed.AddRange(outcome.Failed);
                detail = outcome.Summary;
            }
            if (bootCase.RunsBenchmarks)
            {
                var bench = new BenchCheck(
                    qemu,
                    iso,
                    scratch,
                    rootPassword,
                    quick: !bootCase.FullBenchmarks,
                    cancellation
                );
                var outcome = await bench.RunAsync(
                    console,
                    shell,
                    new HostSsh(dom0SshPort, rootPassword),
                    new HostSsh(guestSshPort, rootPassword)
                );
                failed.AddRange(outcome.Failed);
                detail = outcome.Summary;
            }
            return new Result(
                bootCase,
                failed.Count == 0,
                toLogin,
                failed,
                logFile,
                console.Tail(40),
                detail
            )
            {
                Phases = phases,
            };
        }
        catch (Exception e)
            when (e is TimeoutException or InvalidOperationException
                && !(e is KernelPanicException && retryOnPanic)
            )
        {
            return new Result(
                bootCase,
                false,
                toLogin,
                [e.Message],
                logFile,
                console.Tail(40),
                null
            );
        }
    }

    /// <summary>
    /// <c>CASE.boot.txt</c> beside the serial log: the phase table, and systemd's own account from
    /// inside (<c>systemd-analyze time</c>, <c>blame</c> and <c>critical-chain</c>).
    /// </summary>
    private async Task SaveBootAnalysisAsync(
        DomainShell shell,
        BootCase bootCase,
        IReadOnlyList<BootPhase> phases,
        TimeSpan toLogin
    )
    {
        var blame = await shell.OutputAsync(
            "blame",
            "systemd-analyze blame --no-pager 2>&1 | head -40"
        );
        // When the boot finished, beside the prompt: the getty does not wait for the rest.
        var finished = await shell.OutputAsync("time", "systemd-analyze time --no-pager 2>&1");
        var chain = await shell.OutputAsync(
            "chain",
            "systemd-analyze critical-chain --no-pager 2>&1 | head -40"
        );
        // Not the console getty's own chain as well: it waits for getty-pre.target alone, and
        // each critical-chain costs 20-40 s of the emulated CPUs in every boot case.
        await File.WriteAllTextAsync(
            Path.Combine(scratch, $"{bootCase.Name}.boot.txt"),
            BootPhases.Table(bootCase.Name, phases, toLogin)
                + "\nsystemd-analyze time:\n"
                + finished
                + "\nsystemd-analyze blame:\n"
                + blame
                + "\nsystemd-analyze critical-chain:\n"
                + chain
        );
    }

    public static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IEnumerable<(string Name, string Command)> Checks(BootCase bootCase)
    {
        if (bootCase.UnderXen)
        {
            yield return ("xl-info", "xl info | grep -q '^xen_version'");
            yield return ("domain-0", "xl list | grep -q '^Domain-0 '");
        }
        if (bootCase.SecureBoot)
        {
            yield return SecureBootCheck.SecureBootOn;
        }
        yield return (
            "root-is-tmpfs",
            "[ \"$(findmnt -n -o FSTYPE /)\" = tmpfs ] && [ -f /etc/os-release ]"
        );
        yield return (
            "usr-is-the-cd",
            "[ \"$(findmnt -n -o FSTYPE /usr)\" = iso9660 ] && [ -f /usr/XenDemoCD/root.tar.gz ]"
        );
        yield return (
            "rootpatch-file",
            "[ -f /etc/ssh/sshd_config.d/xendemo.conf ] && grep -q xendemo /etc/hostname"
        );
        // sshd starts once xendemo-ssh-keygen has made the host keys.
        yield return (
            "sshd-listens",
            "for i in $(seq 180); do ss -ltn | grep -q ':22 ' && break; sleep 1; done; ss -ltn | grep -q ':22 '"
        );
        // This boot's own host keys (ECDSA is made last), without the RSA one whose prime
        // search held the boot up.
        yield return (
            "ssh-host-keys",
            "for i in $(seq 60); do [ -s /etc/ssh/ssh_host_ecdsa_key.pub ] && break; sleep 1; done; "
                + "[ -s /etc/ssh/ssh_host_ed25519_key ] && [ -s /etc/ssh/ssh_host_ecdsa_key.pub ] && [ ! -e /etc/ssh/ssh_host_rsa_key ]"
        );
    }
}
