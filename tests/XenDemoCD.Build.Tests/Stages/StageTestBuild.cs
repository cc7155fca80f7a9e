using XenDemoCD.Build.Host;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Stages;

/// <summary>An upstream stage whose output is a copy of <c>input.txt</c> from the test root.</summary>
[TaskName("Upstream")]
public sealed class UpstreamStage : StageTask
{
    public static int Builds;
    public static bool FailMidway;

    protected override Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile("input.txt", context.Paths.InRoot("input.txt"));
        manifest.Add("setting", "fixed");
        return Task.CompletedTask;
    }

    protected override Task BuildAsync(BuildContext context, string output)
    {
        Builds++;
        File.WriteAllText(
            Path.Combine(output, "result.txt"),
            File.ReadAllText(context.Paths.InRoot("input.txt"))
        );
        if (FailMidway)
        {
            throw new IOException("disk full (simulated)");
        }
        return Task.CompletedTask;
    }
}

[TaskName("Downstream")]
[IsDependentOn(typeof(UpstreamStage))]
public sealed class DownstreamStage : StageTask
{
    public static int Builds;

    protected override async Task DescribeInputsAsync(
        BuildContext context,
        StageManifest manifest
    ) => await AddUpstreamAsync<UpstreamStage>(context, manifest);

    protected override Task BuildAsync(BuildContext context, string output)
    {
        Builds++;
        var upstream = new UpstreamStage().OutputOf(context).Path;
        File.Copy(Path.Combine(upstream, "result.txt"), Path.Combine(output, "copy.txt"));
        return Task.CompletedTask;
    }
}

/// <summary>Runs the real build context and stage machinery over the two test stages in a temp root.</summary>
public sealed class StageTestBuild : IDisposable
{
    public TempDirectory Root { get; } = new();

    public CollectingSink Log { get; private set; } = new();

    public StageTestBuild()
    {
        UpstreamStage.Builds = 0;
        UpstreamStage.FailMidway = false;
        DownstreamStage.Builds = 0;
        Root.Write("input.txt", "version 1");
    }

    public string Out => Root.Combine("out");

    public async Task<int> RunAsync(params string[] args)
    {
        Log = new CollectingSink();
        using var cancellation = new BuildCancellation();
        return await new BuildHost<BuildContext>(host => BuildContext.Create(host, Root.Path))
            .WithOptions(BuildOptions.All)
            .AddTasks([typeof(UpstreamStage), typeof(DownstreamStage)])
            .WithDefaultTarget("Downstream")
            .WithLogSink(Log)
            .RunAsync(
                [
                    $"--out={Out}",
                    $"--cache={Root.Combine("cache")}",
                    "--source-date-epoch=1700000000",
                    .. args,
                ],
                cancellation
            );
    }

    public void Dispose() => Root.Dispose();
}
