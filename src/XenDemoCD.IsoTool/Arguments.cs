using XenDemoCD.Iso9660;

namespace XenDemoCD.IsoTool;

/// <summary>
/// A command's arguments, parsed strictly: GNU-style --name value, --name=value, flags, and
/// positional arguments ("--" ends the options). Anything the command does not know is a
/// <see cref="UsageException"/>, never silently ignored.
/// </summary>
internal sealed class Arguments
{
    private readonly CommandSpec command;
    private readonly Dictionary<string, List<string>> options = [];
    private readonly List<string> positional = [];

    private Arguments(CommandSpec command) => this.command = command;

    public static Arguments Parse(
        CommandSpec command,
        IReadOnlyList<CommandSpec> all,
        IReadOnlyList<string> args
    )
    {
        var parsed = new Arguments(command);
        var endOfOptions = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (endOfOptions || !arg.StartsWith('-') || arg.Length == 1)
            {
                parsed.positional.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                endOfOptions = true;
                continue;
            }
            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            if (name is "-h" or "--help")
            {
                throw new HelpRequestedException();
            }
            var option = command.Find(name) ?? throw parsed.Unknown(name, all);
            string value;
            if (!option.TakesValue)
            {
                value = equals > 0 ? throw parsed.Error($"{option.Name} takes no value") : "";
            }
            else if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw parsed.Error($"{option.Name} needs a value");
            }
            parsed.Add(option, value);
        }
        if (parsed.positional.Count < command.Positionals.Count)
        {
            throw parsed.Error($"missing {command.Positionals[parsed.positional.Count]}");
        }
        if (parsed.positional.Count > command.Positionals.Count)
        {
            throw parsed.Error(
                $"unexpected argument '{parsed.positional[command.Positionals.Count]}'"
            );
        }
        return parsed;
    }

    private void Add(OptionSpec option, string value)
    {
        if (option.Values is { } valid && !valid.Contains(value))
        {
            var nearest = NearestName.Find(value, valid);
            var hint = nearest is null ? "" : $"did you mean {nearest}? ";
            throw Error(
                $"{option.Name} '{value}' is not a valid value ({hint}valid: {string.Join(", ", valid)})"
            );
        }
        if (!options.TryGetValue(option.Name, out var list))
        {
            options[option.Name] = list = [];
        }
        else if (!option.Repeatable)
        {
            throw Error($"{option.Name} is given more than once");
        }
        list.Add(value);
    }

    private UsageException Unknown(string name, IReadOnlyList<CommandSpec> all)
    {
        if (all.FirstOrDefault(c => c.Find(name) is not null) is { } owner)
        {
            return Error($"{name} is an option of 'isotool {owner.Name}', not of '{command.Name}'");
        }
        var nearest = NearestName.Find(name, command.Options.Select(o => o.Name));
        return Error(
            nearest is null
                ? $"unknown option {name}"
                : $"unknown option {name} (did you mean {nearest}?)"
        );
    }

    public UsageException Error(string message) => new($"isotool {command.Name}: {message}");

    public bool Has(string name) => options.ContainsKey(name);

    public string? Get(string name) => options.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> All(string name) =>
        options.TryGetValue(name, out var list) ? list : [];

    /// <summary>A positional argument; the parser has checked that every one is there.</summary>
    public string Positional(int index) => positional[index];

    public IsoView View =>
        Get("--view") switch
        {
            "rockridge" => IsoView.RockRidge,
            "joliet" => IsoView.Joliet,
            "plain" => IsoView.Plain,
            _ => IsoView.Auto,
        };
}
