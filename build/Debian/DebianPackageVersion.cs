namespace XenDemoCD.Build.Debian;

/// <summary>The installed version of a Debian package, from dpkg's status file (a manifest input: a new GRUB means new boot images).</summary>
public static class DebianPackageVersion
{
    public static string Of(string package, string statusFile = "/var/lib/dpkg/status")
    {
        if (!File.Exists(statusFile))
        {
            return "(no dpkg)";
        }
        var inStanza = false;
        var installed = false;
        string? version = null;
        foreach (var line in File.ReadLines(statusFile).Append(""))
        {
            if (line.Length == 0)
            {
                if (inStanza && installed && version is not null)
                {
                    return version;
                }
                inStanza = installed = false;
                version = null;
            }
            else if (line.StartsWith("Package: ", StringComparison.Ordinal))
            {
                inStanza = line[9..].Trim() == package;
            }
            else if (inStanza && line.StartsWith("Status: ", StringComparison.Ordinal))
            {
                installed =
                    line.EndsWith(" installed", StringComparison.Ordinal)
                    && !line.Contains("not-installed", StringComparison.Ordinal);
            }
            else if (inStanza && line.StartsWith("Version: ", StringComparison.Ordinal))
            {
                version = line[9..].Trim();
            }
        }
        return "(not installed)";
    }
}
