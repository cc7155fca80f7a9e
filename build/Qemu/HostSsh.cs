using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// ssh and scp from the build host to root on a booted machine, through QEMU's forwarded
/// <paramref name="port"/> on 127.0.0.1. The password goes through sshpass's environment, never
/// a command line every user can read; host keys are not kept, because every boot of the CD makes
/// new ones.
/// </summary>
public sealed class HostSsh(int port, string rootPassword)
{
    public int Port => port;

    private static readonly string[] Options =
    [
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "ConnectTimeout=30",
    ];

    /// <summary>Runs <paramref name="command"/> on the machine; never throws for its exit code.</summary>
    public Task<BufferedCommandResult> RunAsync(string command, CancellationToken cancellation) =>
        SshpassAsync(
            [
                "ssh",
                "-p",
                port.ToString(CultureInfo.InvariantCulture),
                .. Options,
                "root@127.0.0.1",
                command,
            ],
            cancellation
        );

    /// <summary>Copies the machine's <paramref name="remote"/> file to <paramref name="local"/>, as a user would with scp.</summary>
    public Task<BufferedCommandResult> CopyFromAsync(
        string remote,
        string local,
        CancellationToken cancellation
    ) =>
        SshpassAsync(
            [
                "scp",
                "-P",
                port.ToString(CultureInfo.InvariantCulture),
                .. Options,
                $"root@127.0.0.1:{remote}",
                local,
            ],
            cancellation
        );

    private Task<BufferedCommandResult> SshpassAsync(
        IReadOnlyList<string> command,
        CancellationToken cancellation
    ) =>
        Cli.Wrap("sshpass")
            .WithEnvironmentVariables(e => e.Set("SSHPASS", rootPassword))
            .WithArguments(["-e", .. command])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellation)
            .Task;
}
