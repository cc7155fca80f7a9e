using Cake.Core;

namespace XenDemoCD.Build.Host;

/// <summary>Runs once around the whole build (Frosting's <c>FrostingLifetime</c>).</summary>
public abstract class BuildLifetime<TContext>
{
    public virtual void Setup(TContext context, ISetupContext info) { }

    public virtual void Teardown(TContext context, ITeardownContext info) { }

    /// <summary>A line printed last, after the report, whatever happened (e.g. the test count CI reads).</summary>
    public virtual string? ClosingLine(TContext context) => null;
}
