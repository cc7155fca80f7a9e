using Serilog;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// A boot, and under TCG a second one if a kernel panicked in the first: there a kernel patching
/// its own code (a static key: int3 written, then the instruction) on one vCPU while another runs
/// it can trap on an int3 already gone (twice in CI on 2026-12-03, "Oops: int3" in
/// sched_clock_cpu as Linux without Xen marked its clock stable). That is the emulator's, not the
/// CD's; the first boot's console is kept beside its log as <c>NAME-panicked.serial.log</c>, and
/// a second panic fails the boot.
/// </summary>
public static class EmulatedPanic
{
    /// <summary>
    /// Runs <paramref name="boot"/>, which writes its console to <paramref name="serialLog"/>
    /// and is told whether a <see cref="KernelPanicException"/> may leave it to be booted again.
    /// </summary>
    public static async Task<T> BootAsync<T>(
        string serialLog,
        string name,
        Func<bool, Task<T>> boot
    )
    {
        try
        {
            return await boot(!QemuMachine.HasKvm);
        }
        catch (KernelPanicException e)
        {
            var kept = serialLog.Replace(
                ".serial.log",
                "-panicked.serial.log",
                StringComparison.Ordinal
            );
            File.Move(serialLog, kept, overwrite: true);
            Log.Warning(
                "{Boot}: {Message}; under TCG, booting once more (that console: {Kept})",
                name,
                e.Message,
                kept
            );
            return await boot(false);
        }
    }

    /// <summary><see cref="BootAsync{T}"/> for a boot that reports through its own lists.</summary>
    public static Task BootAsync(string serialLog, string name, Func<bool, Task> boot) =>
        BootAsync(
            serialLog,
            name,
            async retryOnPanic =>
            {
                await boot(retryOnPanic);
                return true;
            }
        );
}
