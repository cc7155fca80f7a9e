namespace XenDemoCD.Build.Host;

/// <summary>The tasks the engine will run for the chosen target, in order; known after Setup.</summary>
public sealed class ExecutionPlan<TContext>
{
    private IReadOnlyList<BuildTask<TContext>> tasks = [];
    private Dictionary<BuildTask<TContext>, string> supplied = [];

    public IReadOnlyList<BuildTask<TContext>> Tasks => tasks;

    /// <summary>
    /// Whether a planned task runs: skipped when it is there only for a task that was given what
    /// it would make (<see cref="BuildTask{TContext}.Supplied"/>), else its own condition.
    /// </summary>
    public RunDecision DecisionFor(BuildTask<TContext> task, TContext context) =>
        supplied.TryGetValue(task, out var reason)
            ? RunDecision.Skip(reason)
            : task.ShouldRun(context);

    internal void Set(IReadOnlyList<TaskDefinition<TContext>> planned, TContext context)
    {
        tasks = planned.Select(d => d.Task).ToList();
        supplied = OnlyForSupplied(planned, context);
    }

    /// <summary>
    /// The planned tasks not reached from the target (the plan's last task) when the walk does not
    /// enter supplied dependencies: they would run for nothing.
    /// </summary>
    private static Dictionary<BuildTask<TContext>, string> OnlyForSupplied(
        IReadOnlyList<TaskDefinition<TContext>> planned,
        TContext context
    )
    {
        var byName = planned.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var reasons = new List<string>();
        void Walk(TaskDefinition<TContext> definition)
        {
            if (!reached.Add(definition.Name))
            {
                return;
            }
            var supplied = definition.Task.Supplied(context);
            if (supplied is not null)
            {
                reasons.Add(supplied.Reason);
            }
            foreach (var dependency in definition.Dependencies)
            {
                if (
                    supplied is not null
                    && string.Equals(
                        dependency,
                        TaskDefinition<TContext>.NameOf(supplied.Task),
                        StringComparison.OrdinalIgnoreCase
                    )
                )
                {
                    continue;
                }
                if (byName.TryGetValue(dependency, out var next))
                {
                    Walk(next);
                }
            }
        }
        if (planned.Count > 0)
        {
            Walk(planned[^1]);
        }
        return reasons.Count == 0
            ? []
            : planned
                .Where(d => !reached.Contains(d.Name))
                .ToDictionary(d => d.Task, _ => string.Join("; ", reasons));
    }
}
