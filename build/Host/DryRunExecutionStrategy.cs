using Cake.Core;

namespace XenDemoCD.Build.Host;

/// <summary>
/// <c>--dryrun</c>: walks the same plan as a real run, asks every task whether it would run and
/// why (conditions and up-to-date checks), and changes nothing: no task action, no handler.
/// </summary>
public sealed class DryRunExecutionStrategy(
    Func<string, RunDecision?> decisionOf,
    Func<string, string> explain
) : IExecutionStrategy
{
    private int step;

    public IList<(string Task, bool WouldRun, string Why)> Steps { get; } = [];

    public void PerformSetup(Action<ISetupContext> action, ISetupContext context) =>
        action(context);

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext context) { }

    public Task ExecuteAsync(CakeTask task, ICakeContext context)
    {
        var why = explain(task.Name);
        Steps.Add((task.Name, true, why));
        // The plan is what --dryrun is asked for, so it prints at every verbosity.
        DirectOutput.Line($"{++step, 2}. {task.Name, -18} {why}");
        return Task.CompletedTask;
    }

    public void Skip(CakeTask task, CakeTaskCriteria criteria)
    {
        var why = decisionOf(task.Name)?.Reason ?? criteria.Message;
        Steps.Add((task.Name, false, why));
        DirectOutput.Line($"{++step, 2}. {task.Name, -18} skipped: {why}");
    }

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) =>
        Task.CompletedTask;

    public Task HandleErrorsAsync(
        Func<Exception, ICakeContext, Task> action,
        Exception exception,
        ICakeContext context
    ) => Task.CompletedTask;

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) =>
        Task.CompletedTask;

    public void PerformTaskSetup(
        Action<ITaskSetupContext> action,
        ITaskSetupContext taskSetupContext
    ) { }

    public void PerformTaskTeardown(
        Action<ITaskTeardownContext> action,
        ITaskTeardownContext taskTeardownContext
    ) { }
}
