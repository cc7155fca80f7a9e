namespace XenDemoCD.Build.Debian;

/// <summary>
/// Reads <c>apt-cache madison</c>'s table (<c>name | version | uri suite/component arch
/// Packages</c>) into "version (suite)" offers for one package and architecture, newest first
/// as apt lists them; source rows and other packages are left out.
/// </summary>
public static class AptMadison
{
    public static IReadOnlyList<string> Offers(string madison, string package, string architecture)
    {
        var offers = new List<string>();
        foreach (var line in madison.Split('\n'))
        {
            var columns = line.Split('|', StringSplitOptions.TrimEntries);
            if (columns.Length != 3 || columns[0] != package)
            {
                continue;
            }
            var where = columns[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // uri suite/component arch Packages
            if (where.Length < 4 || where[^1] != "Packages")
            {
                continue;
            }
            if (architecture != "all" && where[^2] != architecture && where[^2] != "all")
            {
                continue;
            }
            var suite = where[^3].Split('/')[0];
            var offer = $"{columns[1]} ({suite})";
            if (!offers.Contains(offer))
            {
                offers.Add(offer);
            }
        }
        return offers;
    }
}
