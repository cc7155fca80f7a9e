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
    public static BootstrapConfig Load(string path)
    {
        var document = InputJson.Load<Document>(
            path,
            "the bootstrap settings are missing",
            "restore usr-layout/bootstrap.json from git"
        );
        if (string.IsNullOrWhiteSpace(document.Suite))
        {
            throw new InputFileException(
                path,
                "field 'suite' is missing",
                "set it to the Debian suite, e.g. \"bookworm\""
            );
        }
        if (document.Packages is not { Count: > 0 })
        {
            throw new InputFileException(
                path,
                "field 'packages' is missing or empty",
                "list the packages the CD needs"
            );
        }
        var bad = document.Packages.FirstOrDefault(p =>
            p.Length == 0 || p.Any(c => char.IsWhiteSpace(c) || c == ',')
        );
        if (bad is not null)
        {
            throw new InputFileException(
                path,
                $"field 'packages' has '{bad}', which is not a package name",
                "write one package per string"
            );
        }
        return new BootstrapConfig(
            document.Suite,
            document.Variant ?? "minbase",
            document.Packages,
            document.ExcludePaths ?? [],
            document.IncludePaths ?? []
        );
    }

    private sealed record Document(
        string? Suite,
        string? Variant,
        List<string>? Packages,
        List<string>? ExcludePaths,
        List<string>? IncludePaths
    );
}
