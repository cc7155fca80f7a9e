using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

/// <summary><c>--force</c> as the README documents it: bare for every task, or named tasks that exist.</summary>
[Collection(SerialCollection.Name)]
public sealed class ForceArgumentTests : IDisposable
{
    private readonly TempDirectory checkout = new();

    public void Dispose() => checkout.Dispose();

    private BuildSettings Settings(params string[] arguments) =>
        SettingsFromArguments.Parse(checkout.Path, arguments);

    [Fact]
    public void A_bare_force_forces_every_task_also_before_another_argument()
    {
        Assert.True(Settings("--force").ForceAll);
        Assert.True(Settings("--force", "--target=Kernel").ForceAll);
        Assert.True(Settings("--target=Kernel", "--force").IsForced("Initrd"));
    }

    [Fact]
    public void A_force_with_names_forces_only_those_tasks()
    {
        var settings = Settings("--force=Kernel,initrd");

        Assert.False(settings.ForceAll);
        Assert.True(settings.IsForced("Initrd"));
        Assert.False(settings.IsForced("BootLoader"));
    }

    [Fact]
    public void The_help_shows_that_the_task_names_of_force_are_optional()
    {
        Assert.Equal("--force[=TASKS]", BuildOptions.Force.Usage);
    }

    [Fact]
    public async Task A_bare_force_runs_the_target()
    {
        var run = new HostRun();
        run.Host.WithOptions([BuildOptions.Force]);

        var exitCode = await run.RunAsync("--force", "--target=C");

        Assert.Equal(0, exitCode);
        Assert.Equal(["TaskA", "TaskB", "TaskC"], run.Context.Ran);
    }

    [Fact]
    public async Task A_mistyped_task_name_in_force_is_a_usage_error_naming_the_nearest_task()
    {
        var run = new HostRun();
        run.Host.WithOptions([BuildOptions.Force]);

        var exitCode = await run.RunAsync("--force=A,Failng", "--target=C");

        Assert.Equal(BuildHost<RecordingContext>.UsageError, exitCode);
        Assert.Empty(run.Context.Ran);
        var message = Assert.Single(run.Log.Lines);
        Assert.Contains("'--force=A,Failng': there is no task 'Failng'.", message);
        Assert.Contains("Did you mean Failing?", message);
    }

    [Fact]
    public void The_nearest_name_ignores_case_and_is_none_when_nothing_is_close()
    {
        string[] tasks = ["BootLoader", "BootTest", "Kernel", "KernelConfig"];

        Assert.Equal("BootLoader", NearestName.To("Bootloadr", tasks));
        Assert.Equal("Kernel", NearestName.To("kernal", tasks));
        Assert.Null(NearestName.To("Nope", tasks));
    }
}
