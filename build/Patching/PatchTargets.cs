namespace XenDemoCD.Build.Patching;

/// <summary>The files a unified diff changes, as paths below the tree it applies to (<c>-p1</c>).</summary>
public static class PatchTargets
{
    public static IEnumerable<string> Of(string patchFile) =>
        File.ReadLines(patchFile)
            .Where(line =>
                line.StartsWith("--- ", StringComparison.Ordinal)
                || line.StartsWith("+++ ", StringComparison.Ordinal)
            )
            .Select(line => line[4..].Split('\t')[0].Trim())
            .Where(path => path != "/dev/null" && path.Contains('/'))
            .Select(path => path[(path.IndexOf('/') + 1)..])
            .Distinct(StringComparer.Ordinal);
}
