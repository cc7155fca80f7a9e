using System.Text.Json;
using System.Text.Json.Serialization;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// A Debian source package pinned by name, version and the sha256 of every file (e.g.
/// <c>hypervisor/source.json</c>). A bad file is rejected with the field and the fix.
/// </summary>
public sealed record DebianSourcePin(
    string Package,
    string Version,
    string Suite,
    string Component,
    IReadOnlyDictionary<string, string> Sha256
)
{
    public string DscFile => Sha256.Keys.Single(f => f.EndsWith(".dsc", StringComparison.Ordinal));

    public static DebianSourcePin Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, "the file is missing", "restore it from git");
        }
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InputFileException(
                path,
                $"it is not valid JSON (line {e.LineNumber + 1}: {e.Message})",
                "fix the syntax"
            );
        }
        if (document is null)
        {
            throw new InputFileException(path, "it is empty", "restore it from git");
        }
        var pin = new DebianSourcePin(
            Required(
                path,
                "package",
                document.Package,
                "the Debian source package name, e.g. \"xen\""
            ),
            Required(
                path,
                "version",
                document.Version,
                "the exact Debian version, as `apt-cache showsrc` prints it"
            ),
            Required(
                path,
                "suite",
                document.Suite,
                "the suite that serves the source, e.g. \"bookworm\""
            ),
            document.Component ?? "main",
            document.Sha256 ?? new Dictionary<string, string>()
        );
        if (pin.Sha256.Count(f => f.Key.EndsWith(".dsc", StringComparison.Ordinal)) != 1)
        {
            throw new InputFileException(
                path,
                "field 'sha256' must list exactly one .dsc file among the package's files",
                "list every file `apt-get source --download-only` fetches, with `sha256sum` of each"
            );
        }
        foreach (var (file, sum) in pin.Sha256)
        {
            if (sum.Length != 64 || !sum.All(Uri.IsHexDigit))
            {
                throw new InputFileException(
                    path,
                    $"field 'sha256.{file}' is not a sha256 sum ('{sum}')",
                    "put the 64 hex digits `sha256sum` prints"
                );
            }
        }
        return pin;
    }

    private static string Required(string path, string field, string? value, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InputFileException(path, $"field '{field}' is missing", $"set it to {what}")
            : value;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record Document(
        [property: JsonPropertyName("package")] string? Package,
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("suite")] string? Suite,
        [property: JsonPropertyName("component")] string? Component,
        [property: JsonPropertyName("sha256")] Dictionary<string, string>? Sha256
    );
}
