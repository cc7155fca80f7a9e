namespace XenDemoCD.Build.Host;

/// <summary>A dependency a task need not have run: the user gave what it makes.</summary>
/// <param name="Task">The dependency's task class.</param>
/// <param name="Reason">Why it is skipped, for the report ("--iso=PATH given").</param>
public sealed record SuppliedDependency(Type Task, string Reason);
