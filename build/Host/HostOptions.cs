namespace XenDemoCD.Build.Host;

/// <summary>The arguments the host itself understands, whatever the build.</summary>
public static class HostOptions
{
    public static readonly CommandLineOption Target = new(
        "target",
        "the task to run (default: the ISO)",
        "TASK"
    );
    public static readonly CommandLineOption Verbosity = new(
        "verbosity",
        "console detail: quiet, minimal, normal, verbose, diagnostic (the log file has everything)",
        "LEVEL"
    );
    public static readonly CommandLineOption DryRun = new(
        "dryrun",
        "print the tasks that would run, in order, and why; change nothing"
    );
    public static readonly CommandLineOption Tree = new("tree", "print the dependency tree");
    public static readonly CommandLineOption Description = new(
        "description",
        "list the tasks with their descriptions"
    );
    public static readonly CommandLineOption Exclusive = new(
        "exclusive",
        "run the target only, not its dependencies"
    );
    public static readonly CommandLineOption Help = new("help", "print this help");

    public static IReadOnlyList<CommandLineOption> All { get; } =
    [Target, Verbosity, DryRun, Tree, Description, Exclusive, Help];
}
