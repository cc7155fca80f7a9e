using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

/// <summary>A minimal build for testing the host: tasks record that they ran in the context.</summary>
public sealed class RecordingContext
{
    public List<string> Ran { get; } = [];
}

public abstract class RecordingTask : BuildTask<RecordingContext>
{
    public override void Run(RecordingContext context) => context.Ran.Add(GetType().Name);
}

[TaskName("A")]
[TaskDescription("first")]
public sealed class TaskA : RecordingTask;

[TaskName("B")]
[IsDependentOn(typeof(TaskA))]
public sealed class TaskB : RecordingTask;

[TaskName("C")]
[IsDependentOn(typeof(TaskB))]
public sealed class TaskC : RecordingTask;

[TaskName("SkippedB")]
[IsDependentOn(typeof(TaskA))]
public sealed class SkippedB : RecordingTask
{
    public override RunDecision ShouldRun(RecordingContext context) =>
        RunDecision.Skip("--kernel=debian: nothing to compile");
}

[TaskName("AfterSkipped")]
[IsDependentOn(typeof(SkippedB))]
public sealed class AfterSkipped : RecordingTask;

[TaskName("Failing")]
[IsDependentOn(typeof(TaskA))]
public sealed class Failing : RecordingTask
{
    public override void Run(RecordingContext context)
    {
        base.Run(context);
        throw new InvalidOperationException("the compiler exploded");
    }
}

/// <summary>A failure the user can act on, as the build's input checks throw them.</summary>
public sealed class BrokenInputException(string message) : Exception(message), IExpectedFailure;

[TaskName("BrokenInput")]
[IsDependentOn(typeof(TaskA))]
public sealed class BrokenInput : RecordingTask
{
    public override void Run(RecordingContext context)
    {
        base.Run(context);
        throw new BrokenInputException(
            "grub/menu.conf:3: field 'timeout' is 'soon', not a number of seconds; write e.g. timeout=5."
        );
    }
}

[TaskName("Warns")]
[IsDependentOn(typeof(TaskA))]
public sealed class Warns : RecordingTask
{
    public override void Run(RecordingContext context)
    {
        base.Run(context);
        Serilog.Log.Information("an ordinary step");
        Serilog.Log.Warning("a stock file was replaced");
    }
}

/// <summary>The build's up-front input check, failing as it does when an input file is broken.</summary>
public sealed class FailingSetup : BuildLifetime<RecordingContext>
{
    public override void Setup(RecordingContext context, Cake.Core.ISetupContext info) =>
        throw new BrokenInputException(
            "rootpatch.permissions:7: owner 'nobdy' is not a user of the root; use one from /etc/passwd."
        );
}

/// <summary>Runs a host over the test tasks and keeps what it logged.</summary>
public sealed class HostRun
{
    public RecordingContext Context { get; } = new();

    public CollectingSink Log { get; } = new();

    public BuildHost<RecordingContext> Host { get; }

    public HostRun()
    {
        Host = new BuildHost<RecordingContext>(_ => Context)
            .AddTasks([
                typeof(TaskA),
                typeof(TaskB),
                typeof(TaskC),
                typeof(SkippedB),
                typeof(AfterSkipped),
                typeof(Failing),
                typeof(BrokenInput),
                typeof(Warns),
            ])
            .WithDefaultTarget("C")
            .WithLogSink(Log);
    }

    public async Task<int> RunAsync(params string[] args)
    {
        using var cancellation = new BuildCancellation();
        return await Host.RunAsync(args, cancellation);
    }
}
