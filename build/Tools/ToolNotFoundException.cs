using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tools;

/// <summary>A program the build needs is not installed; the message names the package.</summary>
[OutputNeutral("reports a failure")]
public sealed class ToolNotFoundException(HostTool tool, string task)
    : Exception(
        $"{task}: '{tool.Program ?? tool.DebianPackage}' is not installed. It comes with the Debian package '{tool.DebianPackage}': "
            + $"apt-get install {tool.DebianPackage} (or run the build as root and the Prerequisites task installs it)."
    ),
        IExpectedFailure
{
    public HostTool Tool { get; } = tool;
}
