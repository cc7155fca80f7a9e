namespace XenDemoCD.Build.Host;

/// <summary>The tasks the engine will run for the chosen target, in order; known after Setup.</summary>
public sealed class ExecutionPlan<TContext>
{
    private IReadOnlyList<BuildTask<TContext>> tasks = [];

    public IReadOnlyList<BuildTask<TContext>> Tasks => tasks;

    internal void Set(IEnumerable<BuildTask<TContext>> planned) => tasks = planned.ToList();
}
