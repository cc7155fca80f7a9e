using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

/// <summary>Only runs that execute tasks write a log file, so the kept logs are those of real builds.</summary>
[Collection(SerialCollection.Name)]
public sealed class LogFileTests : IDisposable
{
    private readonly TempDirectory logs = new();

    public void Dispose() => logs.Dispose();

    private async Task<int> RunAsync(params string[] args)
    {
        var run = new HostRun();
        run.Host.WithLogDirectory(_ => logs.Path);
        using var console = new ConsoleCapture();
        return await run.RunAsync(args);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("--tree")]
    [InlineData("--description")]
    [InlineData("--dryrun")]
    [InlineData("--tagret=C")]
    [InlineData("--target=Nope")]
    [InlineData("--verbosity=loud")]
    public async Task A_run_that_executes_no_task_writes_no_log_file(string argument)
    {
        await RunAsync(argument);

        Assert.Empty(Directory.GetFiles(logs.Path));
    }

    [Fact]
    public async Task Help_and_tree_runs_do_not_push_the_logs_of_real_builds_out()
    {
        var builds = Enumerable
            .Range(0, 20)
            .Select(i => logs.Write($"build-20200101-0000{i:00}.log", "a real build"))
            .ToList();

        await RunAsync("--help");
        await RunAsync("--tree");

        Assert.Equal(builds.Order(), Directory.GetFiles(logs.Path).Order());
    }

    [Fact]
    public async Task A_run_that_executes_tasks_writes_a_log_file_next_to_the_last_19()
    {
        for (var i = 0; i < 25; i++)
        {
            logs.Write($"build-20200101-0000{i:00}.log", "an old run");
        }

        var exitCode = await RunAsync("--target=C");

        Assert.Equal(0, exitCode);
        var kept = Directory.GetFiles(logs.Path).Select(Path.GetFileName).ToList();
        Assert.Equal(20, kept.Count);
        Assert.Contains(kept, f => !f!.StartsWith("build-2020", StringComparison.Ordinal));
    }
}
