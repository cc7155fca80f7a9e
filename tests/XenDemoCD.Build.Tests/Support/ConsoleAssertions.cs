using XenDemoCD.Build.Qemu;

namespace XenDemoCD.Build.Tests.Support;

/// <summary>
/// The tests' way into the build's one QEMU driver: start a <see cref="QemuMachine"/> on a
/// <see cref="SerialConsole"/>, and fail a wait with what the console showed.
/// </summary>
public static class ConsoleAssertions
{
    public const string Qemu = "/usr/bin/qemu-system-x86_64";

    public static SerialConsole StartIn(this QemuMachine machine, TempDirectory scratch)
    {
        Assert.True(
            File.Exists(Qemu),
            $"{Qemu} is missing: apt-get install qemu-system-x86 (listed in tests/XenDemoCD.Build.Tests/REQUIRED-DEBIAN-PACKAGES)"
        );
        return machine.StartHeadless(
            Qemu,
            scratch.Path,
            scratch.Combine($"serial-{Guid.NewGuid():N}.log"),
            SecretMask.None
        );
    }

    /// <summary>Waits until the console shows <paramref name="text"/>; fails with what it showed otherwise.</summary>
    public static async Task WaitForOrFailAsync(
        this SerialConsole console,
        string text,
        TimeSpan timeout
    )
    {
        try
        {
            await console.WaitForAsync(text, timeout, CancellationToken.None);
        }
        catch (Exception failure) when (failure is InvalidOperationException or TimeoutException)
        {
            Assert.Fail($"{failure.Message}\nserial console:\n{console.Tail(80)}");
        }
    }

    /// <summary>Waits for the machine to power off by itself; fails with what the console showed.</summary>
    public static async Task WaitForPowerOffOrFailAsync(
        this SerialConsole console,
        TimeSpan timeout
    )
    {
        if (!await console.WaitForExitAsync(timeout, CancellationToken.None))
        {
            Assert.Fail(
                $"the machine did not power off within {timeout}; serial console:\n{console.Tail(80)}"
            );
        }
    }
}
