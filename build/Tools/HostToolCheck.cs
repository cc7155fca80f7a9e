using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tools;

/// <summary>Whether a host tool is present: its program on PATH, or, for packages without one, dpkg's record.</summary>
public static class HostToolCheck
{
    public static bool IsPresent(HostTool tool) =>
        tool.Program is { } program
            ? ToolRunner.Find(program) is not null
            : IsPackageInstalled(tool.DebianPackage);

    /// <summary>Reads dpkg's status file directly: a package is installed when its Status says so.</summary>
    public static bool IsPackageInstalled(
        string package,
        string statusFile = "/var/lib/dpkg/status"
    )
    {
        if (!File.Exists(statusFile))
        {
            return false;
        }
        var name = package.Split(':')[0];
        var inStanza = false;
        foreach (var line in File.ReadLines(statusFile))
        {
            if (line.StartsWith("Package: ", StringComparison.Ordinal))
            {
                inStanza = line.AsSpan(9).Trim().SequenceEqual(name);
            }
            else if (inStanza && line.StartsWith("Status: ", StringComparison.Ordinal))
            {
                if (
                    line.EndsWith(" installed", StringComparison.Ordinal)
                    && !line.Contains("not-installed", StringComparison.Ordinal)
                )
                {
                    return true;
                }
            }
        }
        return false;
    }
}
