using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>The second boot after a panic under TCG, without QEMU: a boot that panics on demand.</summary>
public sealed class EmulatedPanicTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_boot_that_panicked_under_TCG_boots_once_more_and_its_first_console_is_kept()
    {
        var log = temp.Combine("bios-cd.serial.log");
        var boots = new List<bool>();

        var result = await EmulatedPanic.BootAsync(
            log,
            "bios-cd",
            async retryOnPanic =>
            {
                boots.Add(retryOnPanic);
                await File.WriteAllTextAsync(log, $"boot {boots.Count}");
                return boots.Count == 1 && retryOnPanic
                    ? throw new KernelPanicException("Kernel panic - not syncing")
                    : "passed";
            }
        );

        if (QemuMachine.HasKvm)
        {
            Assert.Equal([false], boots);
            return;
        }
        Assert.Equal("passed", result);
        Assert.Equal([true, false], boots);
        Assert.Equal("boot 1", File.ReadAllText(temp.Combine("bios-cd-panicked.serial.log")));
        Assert.Equal("boot 2", File.ReadAllText(log));
    }

    [Fact]
    public async Task A_second_panic_is_not_booted_again()
    {
        var log = temp.Combine("bench-native.serial.log");
        var boots = 0;

        await Assert.ThrowsAsync<KernelPanicException>(() =>
            EmulatedPanic.BootAsync(
                log,
                "bench: native boot",
                async _ =>
                {
                    boots++;
                    await File.WriteAllTextAsync(log, $"boot {boots}");
                    throw new KernelPanicException("Kernel panic - not syncing");
                }
            )
        );

        Assert.Equal(QemuMachine.HasKvm ? 1 : 2, boots);
    }
}
