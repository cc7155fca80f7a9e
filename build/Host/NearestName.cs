namespace XenDemoCD.Build.Host;

/// <summary>The valid name a mistyped one was most likely meant to be ("did you mean BootLoader?").</summary>
public static class NearestName
{
    public static string? To(string given, IEnumerable<string> names)
    {
        // A third of the name may be wrong (at least one letter): "Bootloadr" finds BootLoader,
        // "Nope" finds nothing rather than an arbitrary task.
        var allowed = Math.Max(1, given.Length / 3);
        return names
            .Select(name => (Name: name, Distance: Distance(given, name)))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    /// <summary>
    /// Edit distance ignoring case, where swapping two neighbouring letters is one edit ("mvoe"
    /// is one typo from "move"), as in the optimal string alignment variant of Damerau–Levenshtein.
    /// </summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(
                    Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1),
                    d[i - 1, j - 1] + cost
                );
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
