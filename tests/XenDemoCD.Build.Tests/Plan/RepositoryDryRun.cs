using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Inputs;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Plan;

/// <summary>
/// The real build host with <c>--dryrun</c> over a temp root holding the repository's inputs:
/// the plan, each task's decision and reason, and what Setup logged.
/// </summary>
public sealed class RepositoryDryRun : IDisposable
{
    public TempDirectory Root { get; } = new();

    public CollectingSink Log { get; } = new();

    public IList<(string Task, bool WouldRun, string Why)> Steps { get; private set; } = [];

    public RepositoryDryRun() => MalformedInputCase.CopyRepositoryInputs(Root.Path);

    public async Task<int> RunAsync(params string[] arguments)
    {
        using var cancellation = new BuildCancellation();
        var host = new BuildHost<BuildContext>(services => BuildContext.Create(services, Root.Path))
            .WithOptions(BuildOptions.All)
            .UseLifetime(new Lifetime())
            .WithDefaultTarget("Default")
            .AddTasksFrom(typeof(BuildContext).Assembly)
            .WithLogSink(Log);
        var exitCode = await host.RunAsync(
            [
                "--dryrun",
                $"--out={Root.Combine("out")}",
                $"--cache={Root.Combine("cache")}",
                "--source-date-epoch=1700000000",
                .. arguments,
            ],
            cancellation
        );
        Steps = host.DryRunSteps;
        return exitCode;
    }

    public string Why(string task) => Steps.Single(s => s.Task == task).Why;

    public void Dispose() => Root.Dispose();
}
