namespace XenDemoCD.Build.Host;

/// <summary>
/// Whether a task runs, and why. The reason is what the dry run and the final report show, so it
/// is written for the user ("--kernel=debian: the kernel is not compiled").
/// </summary>
public readonly record struct RunDecision(bool ShouldRun, string Reason)
{
    public static RunDecision Run(string reason = "requested") => new(true, reason);

    public static RunDecision Skip(string reason) => new(false, reason);
}
