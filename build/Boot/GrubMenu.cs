using System.Text.RegularExpressions;

namespace XenDemoCD.Build.Boot;

/// <summary>
/// <c>grub/grub.cfg.in</c> with its <c>@NAME@</c> placeholders filled from <c>grub/menu.json</c>
/// and the build's own values. An unknown placeholder is an error, not a literal "@X@" in the menu.
/// </summary>
public static partial class GrubMenu
{
    public static string Render(
        string template,
        string valuesFile,
        IReadOnlyDictionary<string, string> buildValues
    )
    {
        var values = new Dictionary<string, string>(buildValues, StringComparer.Ordinal);
        foreach (var (name, value) in LoadValues(valuesFile))
        {
            values[name] = value;
        }
        var text = File.Exists(template)
            ? File.ReadAllText(template)
            : throw new InputFileException(
                template,
                "the GRUB menu template is missing",
                "restore grub/grub.cfg.in from git"
            );
        var unknown = Placeholder()
            .Matches(text)
            .Select(m => m.Groups[1].Value)
            .Where(n => !values.ContainsKey(n))
            .Distinct()
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InputFileException(
                template,
                $"placeholder(s) {string.Join(", ", unknown.Select(u => $"@{u}@"))} have no value",
                $"define them in {valuesFile}, or use one of {string.Join(", ", values.Keys.Order(StringComparer.Ordinal).Select(k => $"@{k}@"))}"
            );
        }
        return Placeholder().Replace(text, m => values[m.Groups[1].Value]);
    }

    private static Dictionary<string, string> LoadValues(string file) =>
        InputJson.Load<Dictionary<string, string>>(
            file,
            "the menu values are missing",
            "restore grub/menu.json from git"
        );

    [GeneratedRegex("@([A-Z][A-Z0-9_]*)@")]
    private static partial Regex Placeholder();
}
