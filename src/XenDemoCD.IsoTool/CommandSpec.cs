namespace XenDemoCD.IsoTool;

/// <summary>One option a command accepts. A flag takes no value; Values, if given, are the only valid ones.</summary>
internal sealed record OptionSpec(
    string Name,
    bool TakesValue = true,
    bool Repeatable = false,
    IReadOnlyList<string>? Values = null,
    string? Alias = null
)
{
    public bool IsNamed(string name) => name == Name || name == Alias;
}

/// <summary>A command: its name, the positional arguments it needs (all required), its options.</summary>
internal sealed record CommandSpec(
    string Name,
    IReadOnlyList<string> Positionals,
    IReadOnlyList<OptionSpec> Options,
    Func<Arguments, TextWriter, TextWriter, int> Run
)
{
    public OptionSpec? Find(string name) => Options.FirstOrDefault(o => o.IsNamed(name));
}
