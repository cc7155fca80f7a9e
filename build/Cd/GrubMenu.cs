using System.Text.RegularExpressions;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// <c>grub/grub.cfg.in</c> with its <c>@NAME@</c> placeholders filled from <c>grub/menu.json</c>
/// and the build's own values. Every <c>@…@</c> token, in any case, must be a known placeholder:
/// a misspelt one would otherwise reach the menu as literal text (a lower-case
/// <c>@dom0_args@</c> boots dom0 without rdinit, the CD label and its console).
/// </summary>
public static partial class GrubMenu
{
    /// <summary>The placeholders the build fills in itself (menu.json gives the others).</summary>
    public static readonly IReadOnlyList<string> BuildValueNames = ["XENDEMO_VERSION"];

    public static string Render(
        string template,
        string valuesFile,
        IReadOnlyDictionary<string, string> buildValues,
        bool everyValueUsed = true
    )
    {
        var values = new Dictionary<string, string>(buildValues, StringComparer.Ordinal);
        foreach (var (name, value) in Check(template, valuesFile, buildValues.Keys, everyValueUsed))
        {
            values[name] = value;
        }
        return Placeholder().Replace(File.ReadAllText(template), m => values[m.Groups[1].Value]);
    }

    /// <summary>
    /// Checks the template against the values without rendering; returns menu.json's values.
    /// <paramref name="everyValueUsed"/>: whether a value the template never uses is an error
    /// (grub.cfg.in must use them all; Xen's xen.cfg.in needs only Xen's and dom0's).
    /// </summary>
    public static Dictionary<string, string> Check(
        string template,
        string valuesFile,
        IEnumerable<string> buildValueNames,
        bool everyValueUsed = true
    )
    {
        var values = LoadValues(valuesFile);
        foreach (var name in values.Keys.Where(n => !ValueName().IsMatch(n)))
        {
            throw InputJson.FieldError(
                valuesFile,
                name,
                "a placeholder name must be upper-case letters, digits and '_', starting with a letter",
                $"rename it, e.g. \"{ValueNameFrom(name)}\""
            );
        }
        if (!File.Exists(template))
        {
            throw new InputFileException(
                template,
                "the GRUB menu template is missing",
                $"restore grub/{Path.GetFileName(template)} from git"
            );
        }
        var known = values.Keys.Concat(buildValueNames).ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(template))
        {
            number++;
            foreach (Match token in AnyToken().Matches(line))
            {
                var name = token.Groups[1].Value;
                if (known.Contains(name))
                {
                    used.Add(name);
                    continue;
                }
                var nearest = NearestName.To(name, known);
                throw new InputFileException(
                    template,
                    "not a known placeholder",
                    (nearest is null ? "" : $"did you mean '@{nearest}@'? ")
                        + $"Placeholders are upper case: {string.Join(", ", known.Order(StringComparer.Ordinal).Select(k => $"@{k}@"))}; "
                        + $"define new ones in {valuesFile}",
                    number,
                    $"@{name}@"
                );
            }
        }
        foreach (var name in values.Keys)
        {
            if (everyValueUsed && !used.Contains(name))
            {
                throw InputJson.FieldError(
                    valuesFile,
                    name,
                    $"grub.cfg.in never uses @{name}@",
                    "remove the value, or use the placeholder in the template (a misspelt name leaves the real one undefined)"
                );
            }
        }
        return values;
    }

    private static string ValueNameFrom(string name) =>
        new(name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static Dictionary<string, string> LoadValues(string file) =>
        InputJson.Load<Dictionary<string, string>>(
            file,
            "the menu values are missing",
            "restore grub/menu.json from git"
        );

    [GeneratedRegex("@([A-Z][A-Z0-9_]*)@")]
    private static partial Regex Placeholder();

    // Any case, so that a lower-case or mixed-case token is caught rather than copied.
    [GeneratedRegex("@([A-Za-z][A-Za-z0-9_]*)@")]
    private static partial Regex AnyToken();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex ValueName();
}
