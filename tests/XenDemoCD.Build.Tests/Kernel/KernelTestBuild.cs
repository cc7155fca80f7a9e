using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Kernel;

/// <summary>
/// The real build host, in-process, over a temporary repository root (its own
/// <c>xenolinux-patches/</c> and <c>out/</c>) with every task of the build. The download cache
/// is given per test: the repository's own for real downloads, so they happen once.
/// </summary>
public sealed class KernelTestBuild : IDisposable
{
    public TempDirectory Root { get; } = new();

    public CollectingSink Log { get; private set; } = new();

    public string Out => Root.Combine("out");

    public string StageOutput(string stage) => Root.Combine("out", "stages", stage);

    /// <summary>Copies the repository's <c>xenolinux-patches/</c> into the test root.</summary>
    public void CopyRepositoryPatches()
    {
        var from = Path.Combine(RepositoryRoot.Path, "xenolinux-patches");
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            Root.Write(
                Path.Combine("xenolinux-patches", Path.GetRelativePath(from, file)),
                File.ReadAllText(file)
            );
        }
    }

    public async Task<int> RunAsync(string cache, params string[] args)
    {
        Log = new CollectingSink();
        using var cancellation = new BuildCancellation();
        return await new BuildHost<BuildContext>(host => BuildContext.Create(host, Root.Path))
            .WithOptions(BuildOptions.All)
            .AddTasksFrom(typeof(BuildContext).Assembly)
            .WithDefaultTarget("Default")
            .WithLogSink(Log)
            .RunAsync(
                [$"--out={Out}", $"--cache={cache}", "--source-date-epoch=1700000000", .. args],
                cancellation
            );
    }

    public async Task RunSuccessfullyAsync(string cache, params string[] args)
    {
        var exitCode = await RunAsync(cache, args);
        Assert.True(exitCode == 0, $"the build failed ({exitCode}):\n{Log.Text}");
    }

    public void Dispose() => Root.Dispose();
}
