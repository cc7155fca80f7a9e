using XenDemoCD.Build.Host;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

/// <summary>
/// One build at a time in an output directory: its object trees and stages are not shared, so a
/// second build there stops before any task, saying why, and runs once the first has ended.
/// </summary>
[Collection(SerialCollection.Name)] // runs the build host, which sets Serilog's global logger
public sealed class OutputLockTests : IDisposable
{
    private readonly TempDirectory root = new();

    public void Dispose() => root.Dispose();

    private async Task<(int ExitCode, CollectingSink Log)> CleanAsync()
    {
        var log = new CollectingSink();
        using var cancellation = new BuildCancellation();
        var exitCode = await new BuildHost<BuildContext>(services =>
            BuildContext.Create(services, root.Path)
        )
            .WithOptions(BuildOptions.All)
            .UseLifetime(new Lifetime())
            .AddTasksFrom(typeof(BuildContext).Assembly)
            .WithLogSink(log)
            .RunAsync(
                [
                    "--target=Clean",
                    $"--out={root.Combine("out")}",
                    $"--cache={root.Combine("cache")}",
                    "--source-date-epoch=1700000000",
                ],
                cancellation
            );
        return (exitCode, log);
    }

    [Fact]
    public async Task A_second_build_in_the_same_output_directory_stops_naming_it_and_runs_once_the_first_ends()
    {
        OutputDirectory.Prepare(root.Combine("out"));
        var held = FileLock.TryAcquire(root.Combine("out", ".xendemocd-lock"));
        Assert.NotNull(held);

        var (refused, log) = await CleanAsync();
        held.Dispose();
        var (afterwards, _) = await CleanAsync();

        Assert.NotEqual(0, refused);
        Assert.Contains(
            log.Lines,
            l =>
                l.Contains(
                    $"another build is running in {root.Combine("out")}",
                    StringComparison.Ordinal
                )
        );
        Assert.Equal(0, afterwards);
    }
}
