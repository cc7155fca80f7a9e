namespace XenDemoCD.Build.Host;

/// <summary>The tasks the engine will run for the chosen target, in order; known after Setup.</summary>
public sealed class ExecutionPlan<TContext>
{
    private IReadOnlyList<BuildTask<TContext>> tasks = [];

    public IReadOnlyList<BuildTask<TContext>> Tasks => tasks;

    public IReadOnlyList<string> Names { get; private set; } = [];

    internal void Set(IReadOnlyList<(string Name, BuildTask<TContext> Task)> planned)
    {
        tasks = planned.Select(p => p.Task).ToList();
        Names = planned.Select(p => p.Name).ToList();
    }
}
