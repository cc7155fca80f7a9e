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

    /// <summary>Levenshtein distance, ignoring case (task names are matched without case).</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
