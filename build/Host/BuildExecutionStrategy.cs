using Cake.Core;
using Serilog;
using Serilog.Context;

namespace XenDemoCD.Build.Host;

/// <summary>
/// Runs tasks for real. Every log event inside a task carries its name, and a skipped task says
/// why it was skipped (the reason its <c>ShouldRun</c> gave).
/// </summary>
public sealed class BuildExecutionStrategy(Func<string, RunDecision?> decisionOf)
    : IExecutionStrategy
{
    public void PerformSetup(Action<ISetupContext> action, ISetupContext context) =>
        action(context);

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext context) =>
        action(context);

    public async Task ExecuteAsync(CakeTask task, ICakeContext context)
    {
        using (LogContext.PushProperty(BuildLogging.TaskProperty, task.Name))
        {
            Log.Information("── {TaskName} ──", task.Name);
            await task.Execute(context).ConfigureAwait(false);
        }
    }

    public void Skip(CakeTask task, CakeTaskCriteria criteria)
    {
        using (LogContext.PushProperty(BuildLogging.TaskProperty, task.Name))
        {
            Log.Information("Skipped: {Reason}", decisionOf(task.Name)?.Reason ?? criteria.Message);
        }
    }

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) =>
        action(exception);

    public Task HandleErrorsAsync(
        Func<Exception, ICakeContext, Task> action,
        Exception exception,
        ICakeContext context
    ) => action(exception, context);

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) =>
        action(context);

    public void PerformTaskSetup(
        Action<ITaskSetupContext> action,
        ITaskSetupContext taskSetupContext
    ) => action(taskSetupContext);

    public void PerformTaskTeardown(
        Action<ITaskTeardownContext> action,
        ITaskTeardownContext taskTeardownContext
    ) => action(taskTeardownContext);
}
