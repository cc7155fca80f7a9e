namespace XenDemoCD.Build.Host;

/// <summary>
/// <c>~</c> and <c>~/…</c> in a path argument, as the shell would have expanded them: bash does
/// so only at the start of a word, so <c>--into=~/xendemocd</c> reaches the build unexpanded.
/// </summary>
public static class HomePath
{
    public static string Expand(string path)
    {
        if (path != "~" && !path.StartsWith("~/", StringComparison.Ordinal))
        {
            // "~user/…" and "a/~/b" are left as given: the shell leaves them so too.
            return path;
        }
        return Home() + path[1..];
    }

    private static string Home()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home)
                ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)
            : home.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed
            : "/";
    }
}
