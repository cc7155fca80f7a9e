namespace XenDemoCD.Build.Host;

/// <summary>One <c>--name[=value]</c> argument the build accepts.</summary>
public sealed record CommandLineOption(string Name, string Help, string? ValueHint = null)
{
    /// <summary>Options written as a bare <c>--name</c> (no value) mean "true".</summary>
    public bool TakesValue => ValueHint is not null;

    /// <summary>A value may follow, but a bare <c>--name</c> is fine too (<c>--force</c>: every task).</summary>
    public bool ValueIsOptional { get; init; }

    /// <summary>
    /// The value is a path: a leading <c>~</c> is the home directory, because bash leaves a
    /// <c>~</c> after <c>=</c> alone and <c>--into=~/x</c> would make a folder named <c>~</c>.
    /// </summary>
    public bool IsPath { get; init; }

    /// <summary>The value is a comma-separated list of task names (or <c>all</c>), checked against the build's tasks.</summary>
    public bool NamesTasks { get; init; }

    public string Usage =>
        !TakesValue ? $"--{Name}"
        : ValueIsOptional ? $"--{Name}[={ValueHint}]"
        : $"--{Name}={ValueHint}";
}
