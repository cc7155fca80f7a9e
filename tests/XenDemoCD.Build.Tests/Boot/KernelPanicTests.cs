using System.Diagnostics;
using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>
/// A machine whose kernel panicked prints nothing more: CI's bench case waited 12 minutes for
/// a login prompt after one (2026-12-03). A stand-in console in sh prints that boot's lines.
/// </summary>
public sealed class KernelPanicTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private SerialConsole Start(string script) =>
        SerialConsole.Start(
            "sh",
            ["-c", script],
            temp.Combine("panic.serial.log"),
            SecretMask.ForRootPassword("s3cret-Pw")
        );

    [Fact]
    public async Task A_wait_ends_at_a_kernel_panic_naming_it_and_the_fault_before_it()
    {
        await using var console = Start(
            "printf '[    1.756534] sched_clock: Marking stable\\r\\n'; "
                + "printf '[    1.759907] Oops: int3: 0000 [#1] PREEMPT SMP NOPTI\\r\\n'; "
                + "printf '[    1.761539] Call Trace:\\r\\n'; "
                + "printf '[    1.763550] Kernel panic - not syncing: Fatal exception in interrupt\\r\\n'; "
                + "sleep 60"
        );
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<KernelPanicException>(() =>
            console.WaitForAsync("login: ", TimeSpan.FromSeconds(50), CancellationToken.None)
        );

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains(
            "Kernel panic - not syncing: Fatal exception in interrupt",
            failure.Message
        );
        Assert.Contains("Oops: int3", failure.Message);
        Assert.Contains("before the console printed /login:", failure.Message);
    }

    [Fact]
    public async Task Xens_panic_ends_a_wait_too()
    {
        await using var console = Start(
            "printf '(XEN) ****************************************\\r\\n(XEN) Panic on CPU 0:\\r\\n'; sleep 60"
        );

        var failure = await Assert.ThrowsAsync<KernelPanicException>(() =>
            console.WaitForAsync("login: ", TimeSpan.FromSeconds(50), CancellationToken.None)
        );

        Assert.Contains("Panic on CPU 0", failure.Message);
    }

    [Fact]
    public async Task A_fault_without_a_panic_does_not_end_a_wait()
    {
        await using var console = Start(
            "printf '[    3.1] BUG: workqueue lockup - pool cpus=0\\r\\n'; sleep 1; printf 'xendemo login: '; sleep 60"
        );

        await console.WaitForAsync("login: ", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Null(console.Panic);
    }
}
