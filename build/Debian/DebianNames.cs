using System.Text.RegularExpressions;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// The shapes Debian policy gives package names, versions, suites, components and architectures,
/// so a pin with a stray space or a pasted URL is refused before apt is asked.
/// </summary>
public static partial class DebianNames
{
    public static readonly IReadOnlyList<string> Components =
    [
        "main",
        "contrib",
        "non-free",
        "non-free-firmware",
    ];

    public static readonly IReadOnlyList<string> Architectures = ["amd64", "all"];

    /// <summary>Policy 5.6.1: lower-case letters, digits, + - . ; at least two, starting alphanumeric.</summary>
    public static bool IsPackageName(string name) => PackageName().IsMatch(name);

    /// <summary>Policy 5.6.12: [epoch:]upstream[-revision], upstream starting with a digit.</summary>
    public static bool IsVersion(string version) => Version().IsMatch(version);

    /// <summary>A suite or codename such as "bookworm", "bookworm-security", "trixie-updates".</summary>
    public static bool IsSuite(string suite) => Suite().IsMatch(suite);

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackageName();

    [GeneratedRegex(@"^([0-9]+:)?[0-9][A-Za-z0-9.+~:-]*$")]
    private static partial Regex Version();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Suite();
}
