using System.Text.Json.Serialization;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// A Debian binary package pinned by name, version and the sha256 of its <c>.deb</c> (e.g.
/// <c>xenolinux-patches/source.json</c>). The suite is recorded so that a version the archive
/// no longer serves can be explained. A bad file is rejected with the field and the fix.
/// </summary>
public sealed record DebianBinaryPin(
    string Package,
    string Version,
    string Architecture,
    string Suite,
    string Sha256
)
{
    /// <summary>The file name <c>apt-get download</c> gives the package (an epoch's ':' becomes "%3a").</summary>
    public string DebFile => $"{Package}_{Version.Replace(":", "%3a")}_{Architecture}.deb";

    /// <summary>What apt is asked for: <c>name=version</c>, with the architecture unless "all".</summary>
    public string AptRequest =>
        Architecture == "all" ? $"{Package}={Version}" : $"{Package}:{Architecture}={Version}";

    public static DebianBinaryPin Load(string path)
    {
        var document = InputJson.Load<Document>(path);
        var pin = new DebianBinaryPin(
            InputJson.Required(path, "package", document.Package, "the binary package name"),
            InputJson.Required(
                path,
                "version",
                document.Version,
                "the exact version, as `apt-cache policy PACKAGE` lists it"
            ),
            InputJson.Required(
                path,
                "architecture",
                document.Architecture,
                "the package's architecture, \"amd64\" or \"all\""
            ),
            InputJson.Required(
                path,
                "suite",
                document.Suite,
                "the suite that serves this version, e.g. \"trixie-security\""
            ),
            InputJson.Required(path, "sha256", document.Sha256, "the `sha256sum` of the .deb")
        );
        DebianSourcePin.CheckNames(path, pin.Package, pin.Version, pin.Suite);
        if (!DebianNames.Architectures.Contains(pin.Architecture))
        {
            throw InputJson.FieldError(
                path,
                "architecture",
                $"'{pin.Architecture}' is not an architecture the CD can use",
                $"use one of {string.Join(", ", DebianNames.Architectures)}"
            );
        }
        if (!InputJson.IsSha256(pin.Sha256))
        {
            throw InputJson.FieldError(
                path,
                "sha256",
                $"'{pin.Sha256}' is not a sha256 sum",
                "put the 64 hex digits `sha256sum` prints for the .deb"
            );
        }
        return pin;
    }

    private sealed record Document(
        [property: JsonPropertyName("package")] string? Package,
        [property: JsonPropertyName("version")] string? Version,
        [property: JsonPropertyName("architecture")] string? Architecture,
        [property: JsonPropertyName("suite")] string? Suite,
        [property: JsonPropertyName("sha256")] string? Sha256
    );
}
