namespace XenDemoCD.Build.Host;

/// <summary>
/// The command line, parsed once and checked against the known options (Cake conventions:
/// <c>--name=value</c>, <c>--name value</c>, bare <c>--flag</c>). Tasks never see raw arguments.
/// </summary>
public sealed class ParsedArguments
{
    private static readonly Dictionary<string, string> ShortAliases = new(StringComparer.Ordinal)
    {
        ["-t"] = "target",
        ["-v"] = "verbosity",
        ["-e"] = "exclusive",
        ["-h"] = "help",
    };

    private readonly Dictionary<string, List<string>> values;

    private ParsedArguments(Dictionary<string, List<string>> values) => this.values = values;

    public static ParsedArguments Parse(
        IReadOnlyList<string> args,
        IReadOnlyCollection<CommandLineOption> known
    )
    {
        var byName = known.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = Split(args[i]);
            if (name is null || !byName.TryGetValue(name, out var option))
            {
                throw new CommandLineException(UnknownArgumentMessage(args[i], known));
            }
            if (value is null && option.TakesValue)
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                {
                    value = args[++i];
                }
                else if (!option.ValueIsOptional)
                {
                    throw new CommandLineException(
                        $"Argument '--{option.Name}' needs a value: {option.Usage} ({option.Help})."
                    );
                }
            }
            if (value is not null && option.IsPath)
            {
                value = HomePath.Expand(value);
            }
            if (!values.TryGetValue(option.Name, out var list))
            {
                values[option.Name] = list = [];
            }
            list.Add(value ?? "true");
        }
        return new ParsedArguments(values);
    }

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The last value given (a later argument overrides an earlier one).</summary>
    public string? Get(string name) => values.TryGetValue(name, out var list) ? list[^1] : null;

    public bool Flag(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return false;
        }
        return value.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" or "" => true,
            "false" or "no" or "0" => false,
            _ => throw new CommandLineException(
                $"Argument '--{name}={value}': expected true or false."
            ),
        };
    }

    public ILookup<string, string> ToLookup() =>
        values
            .SelectMany(pair => pair.Value.Select(v => (pair.Key, v)))
            .ToLookup(p => p.Key, p => p.v, StringComparer.OrdinalIgnoreCase);

    private static (string? Name, string? Value) Split(string arg)
    {
        if (ShortAliases.TryGetValue(arg, out var alias))
        {
            return (alias, null);
        }
        if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
        {
            return (null, null);
        }
        var body = arg[2..];
        var equals = body.IndexOf('=');
        return equals < 0 ? (body, null) : (body[..equals], body[(equals + 1)..]);
    }

    private static string UnknownArgumentMessage(
        string arg,
        IReadOnlyCollection<CommandLineOption> known
    )
    {
        var lines = known
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => $"  {o.Usage, -28} {o.Help}");
        return $"Unknown argument '{arg}'. Valid arguments:{Environment.NewLine}"
            + string.Join(Environment.NewLine, lines);
    }
}
