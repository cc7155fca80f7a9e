using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.RootFs;

/// <summary><c>usr-layout/bootstrap.json</c>: what mmdebstrap installs (suite, variant, packages, dpkg path filters).</summary>
public sealed record BootstrapConfig(
    string Suite,
    string Variant,
    IReadOnlyList<string> Packages,
    IReadOnlyList<string> ExcludePaths,
    IReadOnlyList<string> IncludePaths
)
{
    /// <summary>mmdebstrap's --variant values.</summary>
    public static readonly IReadOnlyList<string> Variants =
    [
        "extract",
        "custom",
        "essential",
        "apt",
        "required",
        "minbase",
        "buildd",
        "important",
        "debootstrap",
        "standard",
    ];

    public static BootstrapConfig Load(string path)
    {
        var document = InputJson.Load<Document>(
            path,
            "the bootstrap settings are missing",
            "restore usr-layout/bootstrap.json from git"
        );
        var suite = InputJson.Required(
            path,
            "suite",
            document.Suite,
            "the Debian suite, e.g. \"trixie\""
        );
        if (!DebianNames.IsSuite(suite))
        {
            throw InputJson.FieldError(
                path,
                "suite",
                $"'{suite}' is not a suite name",
                "write a suite or codename such as \"trixie\""
            );
        }
        var variant = document.Variant ?? "minbase";
        if (!Variants.Contains(variant))
        {
            throw InputJson.FieldError(
                path,
                "variant",
                $"'{variant}' is not an mmdebstrap variant",
                $"use one of {string.Join(", ", Variants)}"
            );
        }
        var packages = PackageList.Check(path, document.Packages, "list the packages the CD needs");
        CheckPaths(path, "excludePaths", document.ExcludePaths);
        CheckPaths(path, "includePaths", document.IncludePaths);
        return new BootstrapConfig(
            suite,
            variant,
            packages,
            document.ExcludePaths ?? [],
            document.IncludePaths ?? []
        );
    }

    // dpkg's --path-exclude/--path-include take absolute globs; a relative one matches nothing.
    private static void CheckPaths(string path, string field, List<string>? globs)
    {
        var bad = globs?.FirstOrDefault(g => !g.StartsWith('/') || g.Any(char.IsWhiteSpace));
        if (bad is not null)
        {
            throw InputJson.FieldError(
                path,
                field,
                $"'{bad}' is not an absolute path glob",
                "write globs that start with '/', e.g. \"/usr/share/doc/*\"",
                bad
            );
        }
    }

    private sealed record Document(
        string? Suite,
        string? Variant,
        List<string>? Packages,
        List<string>? ExcludePaths,
        List<string>? IncludePaths
    );
}
