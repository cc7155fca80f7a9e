using Cake.Core;

namespace XenDemoCD.Build.Host;

/// <summary>What the host hands to the factory that makes the build's typed context.</summary>
public sealed record HostServices<TContext>(
    ICakeContext Cake,
    ParsedArguments Arguments,
    ExecutionPlan<TContext> Plan,
    TaskOutcomes Outcomes,
    BuildCancellation Cancellation,
    bool DryRun
);
