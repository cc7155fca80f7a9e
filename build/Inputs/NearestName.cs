namespace XenDemoCD.Build.Inputs;

/// <summary>
/// "Did you mean …?": the known name closest to a misspelt one, by edit distance, when it is
/// close enough to be a typo rather than a different word.
/// </summary>
public static class NearestName
{
    public static string? Among(string typed, IEnumerable<string> known)
    {
        var best = known
            .Select(name =>
                (Name: name, Distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant()))
            )
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        // A third of the word may be wrong (at least 2 edits): "componet" → "component",
        // "Bootloadr" → "BootLoader", but not "x" → "suite".
        return best.Name is not null && best.Distance <= Math.Max(2, typed.Length / 3)
            ? best.Name
            : null;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
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
