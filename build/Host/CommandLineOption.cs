namespace XenDemoCD.Build.Host;

/// <summary>One <c>--name[=value]</c> argument the build accepts.</summary>
public sealed record CommandLineOption(string Name, string Help, string? ValueHint = null)
{
    /// <summary>Options written as a bare <c>--name</c> (no value) mean "true".</summary>
    public bool TakesValue => ValueHint is not null;

    public string Usage => TakesValue ? $"--{Name}={ValueHint}" : $"--{Name}";
}
