using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>
/// A QEMU that stops before the machine prints anything (a locked image, a bad option, no
/// memory) fails the boot with its own words: a shell stands in for it.
/// </summary>
public sealed class EarlyQemuExitTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_qemu_that_exits_before_the_console_prints_is_quoted_with_its_exit_code_and_stderr()
    {
        await using var console = SerialConsole.Start(
            "sh",
            [
                "-c",
                "echo 'qemu-system-x86_64: -drive file=x.iso: Failed to get shared \"write\" lock' >&2; exit 1",
            ],
            temp.Combine("case.serial.log"),
            SecretMask.ForRootPassword("s3cret-Pw")
        );

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            console.WaitForAsync("GNU GRUB", TimeSpan.FromSeconds(20), CancellationToken.None)
        );

        Assert.Contains("exit code 1", failure.Message);
        Assert.Contains("Failed to get shared \"write\" lock", failure.Message);
    }

    [Fact]
    public async Task A_qemu_that_exits_silently_says_it_wrote_nothing()
    {
        await using var console = SerialConsole.Start(
            "sh",
            ["-c", "exit 0"],
            temp.Combine("quiet.serial.log"),
            SecretMask.ForRootPassword("s3cret-Pw")
        );

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            console.WaitForAsync("GNU GRUB", TimeSpan.FromSeconds(20), CancellationToken.None)
        );

        Assert.Contains("QEMU wrote nothing to stderr", failure.Message);
    }
}
