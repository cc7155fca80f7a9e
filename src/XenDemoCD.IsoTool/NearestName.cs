namespace XenDemoCD.IsoTool;

/// <summary>The valid name a mistyped one was most likely meant to be, for "did you mean …?".</summary>
internal static class NearestName
{
    public static string? Find(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var bare = given.TrimStart('-');
        foreach (var candidate in candidates)
        {
            var name = candidate.TrimStart('-');
            var distance = EditDistance(bare, name);
            // Up to half the longer name may differ: --volume-id still finds --volid.
            var allowed = Math.Max(2, Math.Max(bare.Length, name.Length) / 2);
            if (distance <= allowed && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return best;
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
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
