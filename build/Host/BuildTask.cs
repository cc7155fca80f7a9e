namespace XenDemoCD.Build.Host;

/// <summary>
/// A task of the build, in the style of Cake.Frosting: one sealed subclass per file in
/// <c>build/Tasks/</c>, named with <see cref="TaskNameAttribute"/>, ordered with
/// <see cref="IsDependentOnAttribute"/>.
/// </summary>
public abstract class BuildTask<TContext>
{
    /// <summary>A condition that is not about freshness (e.g. a setting); a skipped task's dependents still run.</summary>
    public virtual RunDecision ShouldRun(TContext context) => RunDecision.Run();

    /// <summary>
    /// A dependency whose output was given to this task (Run's <c>--iso=PATH</c> for MasterIso):
    /// that dependency, and every task the plan holds only for it, is skipped with the reason.
    /// </summary>
    public virtual SuppliedDependency? Supplied(TContext context) => null;

    public virtual Task RunAsync(TContext context)
    {
        Run(context);
        return Task.CompletedTask;
    }

    public virtual void Run(TContext context) { }

    /// <summary>What the task would do and why, for <c>--dryrun</c> ("would build: …"); it must not change anything.</summary>
    public virtual string Explain(TContext context) => "would run";

    /// <summary>
    /// The input files this task reads, each with a check that parses it fully; run for the
    /// whole plan before any task (and by <c>--dryrun</c>). Checks that need another stage's
    /// output run in the task itself.
    /// </summary>
    public virtual IEnumerable<InputCheck> InputChecks(TContext context) => [];

    /// <summary>Host tools this task needs; the Prerequisites task checks them before any work.</summary>
    public virtual IEnumerable<HostTool> RequiredTools(TContext context) => [];

    /// <summary>What the task made, for the run's closing line when it is the target (e.g. the ISO's path).</summary>
    public virtual string? Result(TContext context) => null;

    public virtual void OnError(Exception exception, TContext context) { }

    public virtual void Finally(TContext context) { }
}
