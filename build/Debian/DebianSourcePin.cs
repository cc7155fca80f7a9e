using System.Text.Json.Serialization;
using XenDemoCD.Build.Inputs;

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
        var document = InputJson.Load<Document>(path);
        var pin = new DebianSourcePin(
            InputJson.Required(
                path,
                "package",
                document.Package,
                "the Debian source package name, e.g. \"xen\""
            ),
            InputJson.Required(
                path,
                "version",
                document.Version,
                "the exact Debian version, as `apt-cache showsrc` prints it"
            ),
            InputJson.Required(
                path,
                "suite",
                document.Suite,
                "the suite that serves the source, e.g. \"trixie\""
            ),
            document.Component ?? "main",
            document.Sha256 ?? new Dictionary<string, string>()
        );
        CheckNames(path, pin.Package, pin.Version, pin.Suite);
        if (!DebianNames.Components.Contains(pin.Component))
        {
            throw InputJson.FieldError(
                path,
                "component",
                $"'{pin.Component}' is not an archive component",
                $"use one of {string.Join(", ", DebianNames.Components)}"
            );
        }
        if (pin.Sha256.Count(f => f.Key.EndsWith(".dsc", StringComparison.Ordinal)) != 1)
        {
            throw InputJson.FieldError(
                path,
                "sha256",
                "it must list exactly one .dsc file among the package's files",
                "list every file `apt-get source --download-only` fetches, with `sha256sum` of each"
            );
        }
        foreach (var (file, sum) in pin.Sha256)
        {
            if (!InputJson.IsSha256(sum))
            {
                throw InputJson.FieldError(
                    path,
                    $"sha256.{file}",
                    $"'{sum}' is not a sha256 sum",
                    "put the 64 hex digits `sha256sum` prints"
                );
            }
        }
        return pin;
    }

    /// <summary>The package, version and suite fields of a pin have the shapes Debian gives them.</summary>
    internal static void CheckNames(string path, string package, string version, string suite)
    {
        if (!DebianNames.IsPackageName(package))
        {
            throw InputJson.FieldError(
                path,
                "package",
                $"'{package}' is not a Debian package name",
                "write the name as apt knows it: lower-case letters, digits, '+', '-', '.'"
            );
        }
        if (!DebianNames.IsVersion(version))
        {
            throw InputJson.FieldError(
                path,
                "version",
                $"'{version}' is not a Debian version",
                "copy the exact version `apt-cache policy` or `apt-cache showsrc` prints, e.g. \"4.20.4+63-g7abfd2bce2-0+deb13u1\""
            );
        }
        if (!DebianNames.IsSuite(suite))
        {
            throw InputJson.FieldError(
                path,
                "suite",
                $"'{suite}' is not a suite name",
                "write a suite or codename such as \"trixie\" or \"trixie-security\""
            );
        }
    }

    private sealed record Document(
        [property: JsonPropertyName("package")] string? Package,
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("suite")] string? Suite,
        [property: JsonPropertyName("component")] string? Component,
        [property: JsonPropertyName("sha256")] Dictionary<string, string>? Sha256
    );
}
