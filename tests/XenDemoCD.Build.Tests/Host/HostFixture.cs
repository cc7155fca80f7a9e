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
