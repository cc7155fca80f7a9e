using System.Text.RegularExpressions;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// The packages a bootstrap installs, name → version, as apt's simulation reports them
/// (<c>mmdebstrap --simulate</c> prints apt-get's <c>Inst</c> lines for each of its phases).
/// </summary>
public sealed partial class ResolvedPackages
{
    private ResolvedPackages(SortedDictionary<string, string> versions) => Versions = versions;

    public IReadOnlyDictionary<string, string> Versions { get; }

    /// <summary>
    /// The union of the <c>Inst</c> lines. A package appears once per phase (the essential
    /// phase's packages are simulated again with the rest, as nothing is really installed);
    /// the archive serves one candidate, so the versions agree.
    /// </summary>
    public static ResolvedPackages FromSimulation(IEnumerable<string> lines)
    {
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var match = InstLine().Match(line);
            if (match.Success)
            {
                versions[match.Groups["name"].Value] = match.Groups["version"].Value;
            }
        }
        return new ResolvedPackages(versions);
    }

    /// <summary>
    /// The package and version of apt's "E: Version 'V' for 'P' was not found", which a pinned
    /// version the archive no longer serves ends in; null when no line says so.
    /// </summary>
    public static (string Package, string Version)? MissingVersion(IEnumerable<string> lines) =>
        lines.Select(l => VersionNotFound().Match(l)).FirstOrDefault(m => m.Success) is { } m
            ? (m.Groups["name"].Value, m.Groups["version"].Value)
            : null;

    // "Inst libc6 (2.36-9+deb12u14 Debian:12.15/oldstable [amd64]) []"; an upgrade would read
    // "Inst name [old] (new …)".
    [GeneratedRegex(@"^Inst (?<name>\S+) (?:\[[^\]]*\] )?\((?<version>\S+) ")]
    private static partial Regex InstLine();

    [GeneratedRegex(@"^E: Version '(?<version>[^']+)' for '(?<name>[^']+)' was not found")]
    private static partial Regex VersionNotFound();
}
