using Serilog;
using XenDemoCD.Build.Debian;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Xen's toolstack (<c>xen-utils-*</c>) talks to the hypervisor through interfaces that change
/// between versions, so the root's toolstack must be the version of the Xen the CD boots: the
/// compiled source's, Debian's hypervisor package's, or for an unpacked CD's prebuilt/xen.gz
/// that of the origin its build-settings.json records (its pins came along in the build system).
/// </summary>
public static class ToolstackPin
{
    /// <summary>The package as mmdebstrap is asked for it: a toolstack package pinned, any other as it is.</summary>
    public static string Request(string package, BuildContext context)
    {
        if (!package.StartsWith("xen-utils-", StringComparison.Ordinal) || package.Contains('='))
        {
            return package;
        }
        if (BootedVersion(context) is { } version)
        {
            return $"{package}={version}";
        }
        Log.Warning(
            "The CD's prebuilt xen.gz does not say how it was made (no build-settings.json): {Package} is not pinned to its version",
            package
        );
        return package;
    }

    /// <summary>The Debian version of the Xen the CD boots; null when unknown.</summary>
    public static string? BootedVersion(BuildContext context) =>
        context.Settings.HypervisorRecord switch
        {
            "compiled" => DebianSourcePin.Load(HypervisorSource.PinFile(context)).Version,
            "debian" => DebianBinaryPin.Load(DebianHypervisor.PinFile(context)).Version,
            _ => null,
        };
}
