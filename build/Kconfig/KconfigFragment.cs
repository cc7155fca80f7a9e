using System.Text.RegularExpressions;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.Kconfig;

/// <summary>
/// A Kconfig fragment (<c>CONFIG_X=y</c>, <c>CONFIG_X="text"</c>, <c>CONFIG_X=n</c> or
/// <c># CONFIG_X is not set</c>): merged over a <c>.config</c>, and checked against the final one
/// after <c>olddefconfig</c>, because Kconfig silently drops what it cannot satisfy.
/// </summary>
public sealed partial class KconfigFragment
{
    private KconfigFragment(string file, IReadOnlyDictionary<string, string> options)
    {
        File_ = file;
        Options = options;
    }

    private string File_ { get; }

    /// <summary>Option name → value; "n" stands for "is not set".</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    public static KconfigFragment Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(
                path,
                "the Kconfig fragment is missing",
                "restore it from git"
            );
        }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            string name;
            string value;
            if (line.Length == 0)
            {
                continue;
            }
            if (NotSet().Match(line) is { Success: true } unset)
            {
                (name, value) = (unset.Groups[1].Value, "n");
            }
            else if (line.StartsWith('#'))
            {
                continue;
            }
            else if (Assignment().Match(line) is { Success: true } set)
            {
                (name, value) = (set.Groups[1].Value, set.Groups[2].Value);
                if (!Value().IsMatch(value))
                {
                    throw new InputFileException(
                        path,
                        $"'{value}' is not a Kconfig value",
                        "write y, m, n, a number, a 0x hex number, or a string in double quotes",
                        lineNumber,
                        name
                    );
                }
            }
            else
            {
                throw new InputFileException(
                    path,
                    $"'{line}' is not a Kconfig assignment",
                    "write CONFIG_NAME=value (no spaces around '='), or '# CONFIG_NAME is not set'",
                    lineNumber,
                    OptionName().Match(line) is { Success: true } option ? option.Value : null
                );
            }
            if (lines.TryGetValue(name, out var earlier))
            {
                throw new InputFileException(
                    path,
                    $"the option is already set on line {earlier}",
                    "keep one line per option (the fragment is merged as a whole, so the last one would win silently)",
                    lineNumber,
                    name
                );
            }
            lines[name] = lineNumber;
            options[name] = value;
        }
        return new KconfigFragment(path, options);
    }

    /// <summary>Writes the fragment's options over <paramref name="dotConfig"/> (replacing earlier values).</summary>
    public void MergeInto(string dotConfig)
    {
        var kept = File.Exists(dotConfig)
            ? File.ReadAllLines(dotConfig)
                .Where(line => NameIn(line) is not { } name || !Options.ContainsKey(name))
            : [];
        var merged = kept.Concat(
            Options.Select(o => o.Value == "n" ? $"# {o.Key} is not set" : $"{o.Key}={o.Value}")
        );
        File.WriteAllLines(dotConfig, merged);
    }

    /// <summary>Every option whose final value differs from what the fragment asked, described for the user.</summary>
    public IReadOnlyList<string> Unsatisfied(string finalDotConfig)
    {
        var final = ReadValues(finalDotConfig);
        var problems = new List<string>();
        foreach (var (name, wanted) in Options)
        {
            var actual = final.GetValueOrDefault(name, "n");
            if (actual != wanted)
            {
                problems.Add(
                    $"{name}={wanted} was asked, the final .config has {(final.ContainsKey(name) ? $"{name}={actual}" : "it unset (dropped by Kconfig: a dependency is missing or the option does not exist)")}"
                );
            }
        }
        return problems;
    }

    public void Verify(string finalDotConfig)
    {
        var problems = Unsatisfied(finalDotConfig);
        if (problems.Count > 0)
        {
            throw new InputFileException(
                File_,
                $"{problems.Count} option(s) did not survive olddefconfig: {string.Join("; ", problems)}",
                "enable what they depend on in the fragment, or drop them"
            );
        }
    }

    public static Dictionary<string, string> ReadValues(string dotConfig)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(dotConfig))
        {
            if (NotSet().Match(line) is { Success: true } unset)
            {
                values[unset.Groups[1].Value] = "n";
            }
            else if (Assignment().Match(line) is { Success: true } set)
            {
                values[set.Groups[1].Value] = set.Groups[2].Value;
            }
        }
        return values;
    }

    private static string? NameIn(string line) =>
        NotSet().Match(line) is { Success: true } unset ? unset.Groups[1].Value
        : Assignment().Match(line) is { Success: true } set ? set.Groups[1].Value
        : null;

    [GeneratedRegex(@"^#\s*(CONFIG_[A-Za-z0-9_]+) is not set\s*$")]
    private static partial Regex NotSet();

    [GeneratedRegex(@"^(CONFIG_[A-Za-z0-9_]+)=(.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex("CONFIG_[A-Za-z0-9_]+")]
    private static partial Regex OptionName();

    [GeneratedRegex(@"^(y|m|n|-?[0-9]+|0x[0-9A-Fa-f]+|""([^""\\]|\\.)*"")$")]
    private static partial Regex Value();
}
