using System.Globalization;
using System.Text.Json;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// <c>/XenDemoCD/build-settings.json</c>: the settings the CD was built with, which a rebuild of
/// an unpacked CD reuses as its defaults so an unchanged unpack gives the same ISO bytes.
/// <see cref="Profiles"/> (comma-separated, empty for none) and <see cref="SecureBoot"/> are
/// null in the record of a CD made before they were kept: such a CD had neither.
/// </summary>
public sealed record CdBuildSettings(
    long? SourceDateEpoch,
    string? VersionId,
    string? Builder,
    string? Kernel,
    string? Hypervisor,
    string? KernelRelease,
    string? Profiles = null,
    bool? SecureBoot = null
)
{
    public const string FileName = "build-settings.json";

    public static CdBuildSettings Parse(string json, string origin)
    {
        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            return new CdBuildSettings(
                values.TryGetValue("sourceDateEpoch", out var epoch)
                    ? long.Parse(epoch, NumberStyles.None, CultureInfo.InvariantCulture)
                    : null,
                values.GetValueOrDefault("versionId"),
                values.GetValueOrDefault("builder"),
                values.GetValueOrDefault("kernel"),
                values.GetValueOrDefault("hypervisor"),
                values.GetValueOrDefault("kernelRelease"),
                values.GetValueOrDefault("profiles"),
                values.TryGetValue("secureBoot", out var secureBoot)
                    ? secureBoot switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new FormatException(
                            $"secureBoot is \"{secureBoot}\", not \"true\" or \"false\""
                        ),
                    }
                    : null
            );
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException)
        {
            throw new InputFileException(
                origin,
                $"not the settings record of a XenDemoCD ({e.Message})",
                "restore it from the CD (/XenDemoCD/build-settings.json) or delete it and give --source-date-epoch, --version-id and --builder"
            );
        }
    }

    /// <summary>The record as the CD carries it (every field set), indented, ending in a newline.</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(
            new Dictionary<string, string>
            {
                ["sourceDateEpoch"] = (
                    SourceDateEpoch ?? throw new InvalidOperationException("no SOURCE_DATE_EPOCH")
                ).ToString(CultureInfo.InvariantCulture),
                ["versionId"] = VersionId ?? throw new InvalidOperationException("no version"),
                ["builder"] = Builder ?? throw new InvalidOperationException("no builder"),
                ["kernel"] = Kernel ?? throw new InvalidOperationException("no kernel origin"),
                ["hypervisor"] =
                    Hypervisor ?? throw new InvalidOperationException("no hypervisor origin"),
                ["kernelRelease"] =
                    KernelRelease ?? throw new InvalidOperationException("no kernel release"),
                ["profiles"] = Profiles ?? "",
                ["secureBoot"] = SecureBoot == true ? "true" : "false",
            },
            new JsonSerializerOptions { WriteIndented = true }
        ) + "\n";

    /// <summary>The record in a build root (an unpacked CD), or null in a plain checkout.</summary>
    public static CdBuildSettings? InRoot(string root)
    {
        var file = Path.Combine(root, FileName);
        return File.Exists(file) ? Parse(File.ReadAllText(file), file) : null;
    }
}
