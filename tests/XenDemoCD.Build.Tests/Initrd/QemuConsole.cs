using System.Diagnostics;
using System.Text;

namespace XenDemoCD.Build.Tests.Initrd;

/// <summary>
/// A QEMU machine (TCG: no KVM on the test machines) whose serial console is this process's
/// pipe: what the guest prints is collected, lines can be typed into it. Killed when disposed.
/// </summary>
public sealed class QemuConsole : IDisposable
{
    private const string Package = "qemu-system-x86";
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Task reading;

    private QemuConsole(Process process)
    {
        this.process = process;
        reading = Task.Run(ReadAsync);
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>
    /// Boots <paramref name="kernel"/> with <paramref name="initrd"/>, the ISO (when given) as the
    /// CD drive and <paramref name="disk"/> (when given) as a virtio disk.
    /// </summary>
    public static QemuConsole Boot(
        string kernel,
        string initrd,
        string? iso,
        string commandLine,
        string? disk = null
    )
    {
        var program = FindQemu();
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (
            var argument in new[]
            {
                "-cpu",
                "max",
                "-m",
                "512",
                "-smp",
                "1",
                "-display",
                "none",
                "-monitor",
                "none",
                "-serial",
                "stdio",
                "-no-reboot",
                "-kernel",
                kernel,
                "-initrd",
                initrd,
                "-append",
                $"console=ttyS0 {commandLine}",
            }
        )
        {
            start.ArgumentList.Add(argument);
        }
        string[] media =
        [
            .. iso is null ? [] : new[] { "-cdrom", iso },
            .. disk is null ? [] : new[] { "-drive", $"file={disk},format=raw,if=virtio" },
        ];
        foreach (var argument in media)
        {
            start.ArgumentList.Add(argument);
        }
        return new QemuConsole(
            Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}")
        );
    }

    /// <summary>Waits until the console has shown <paramref name="text"/>; fails with the whole log otherwise.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                await reading;
                if (Output.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
                Assert.Fail(
                    $"QEMU exited ({process.ExitCode}) before '{text}' appeared: {await process.StandardError.ReadToEndAsync()}\nserial console:\n{Output}"
                );
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(
                    $"'{text}' did not appear on the serial console within {timeout}; it shows:\n{Output}"
                );
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for QEMU to end by itself (the guest powered off).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            await reading;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the guest did not power off within {timeout}; serial console:\n{Output}");
        }
    }

    public void Type(string line)
    {
        process.StandardInput.Write(line + "\n");
        process.StandardInput.Flush();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (output)
            {
                output.Append(buffer, 0, read);
            }
        }
    }

    private static string FindQemu()
    {
        const string program = "/usr/bin/qemu-system-x86_64";
        return File.Exists(program)
            ? program
            : throw new InvalidOperationException(
                $"{program} is missing: the initrd boot tests need the Debian package '{Package}' (apt-get install {Package}; listed in tests/XenDemoCD.Build.Tests/REQUIRED-DEBIAN-PACKAGES)"
            );
    }
}
