using System.Globalization;
using System.Text.RegularExpressions;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// What <c>apt-get --print-uris</c> says a download will fetch: each file with its exact size,
/// so the download's progress has a total before a byte arrives.
/// </summary>
public static partial class AptUriList
{
    /// <summary>The sum of the sizes in lines like <c>'URI' name 139331676 SHA256:…</c>; null when there are none.</summary>
    public static long? TotalSize(IEnumerable<string> lines)
    {
        long total = 0;
        var any = false;
        foreach (var line in lines)
        {
            var match = UriLine().Match(line);
            if (match.Success)
            {
                total += long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                any = true;
            }
        }
        return any ? total : null;
    }

    [GeneratedRegex(@"^'[^']+' \S+ (\d+)(\s|$)")]
    private static partial Regex UriLine();
}
