using XenDemoCD.Build.IO;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.IO;

public sealed class FileLockTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_second_holder_waits_until_the_first_releases_the_lock()
    {
        var path = temp.Combine("cache", "downloads.lock");
        var first = await FileLock.AcquireAsync(path, "test");

        var second = FileLock.AcquireAsync(path, "test");
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        Assert.False(second.IsCompleted, "the second holder got the lock while the first held it");

        first.Dispose();
        var winner = await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.Same(second, winner);
        (await second).Dispose();
    }

    [Fact]
    public async Task Another_process_cannot_take_the_lock_while_it_is_held_and_can_after()
    {
        var path = temp.Combine("downloads.lock");
        using (await FileLock.AcquireAsync(path, "test"))
        {
            var (whileHeld, _) = await ProcessRun.RunAsync(
                "flock",
                ["--nonblock", path, "true"],
                temp.Path,
                null,
                TimeSpan.FromSeconds(30)
            );
            Assert.NotEqual(0, whileHeld);
        }
        var (afterRelease, output) = await ProcessRun.RunAsync(
            "flock",
            ["--nonblock", path, "true"],
            temp.Path,
            null,
            TimeSpan.FromSeconds(30)
        );
        Assert.True(afterRelease == 0, output);
    }

    [Fact]
    public async Task A_waiting_holder_stops_when_the_build_is_cancelled()
    {
        var path = temp.Combine("downloads.lock");
        using var held = await FileLock.AcquireAsync(path, "test");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            FileLock.AcquireAsync(path, "test", cancel.Token)
        );
    }
}
