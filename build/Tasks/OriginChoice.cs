using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Of the kernel (or hypervisor) stages, those of the chosen origin run; the others are skipped
/// with the setting in force and what is used instead, whichever origin that is.
/// </summary>
public static class OriginChoice
{
    public static RunDecision ForKernel(BuildContext context, ImageOrigin stage) =>
        Decide(
            "kernel",
            context.Settings.Kernel,
            stage,
            context.Settings.Kernel switch
            {
                ImageOrigin.Compiled => "the kernel is compiled from source (Kernel)",
                ImageOrigin.Debian => "Debian's kernel package is used (DebianKernel)",
                _ => "the unpacked CD's kernel in prebuilt/ is used (PrebuiltKernel)",
            }
        );

    public static RunDecision ForHypervisor(BuildContext context, ImageOrigin stage) =>
        Decide(
            "hypervisor",
            context.Settings.Hypervisor,
            stage,
            context.Settings.Hypervisor switch
            {
                ImageOrigin.Compiled => "Xen is compiled from source (Hypervisor)",
                ImageOrigin.Debian => "Debian's hypervisor package is used (DebianHypervisor)",
                _ => "the unpacked CD's xen.gz in prebuilt/ is used (PrebuiltHypervisor)",
            }
        );

    private static RunDecision Decide(
        string option,
        ImageOrigin chosen,
        ImageOrigin stage,
        string instead
    ) =>
        chosen == stage
            ? RunDecision.Run()
            : RunDecision.Skip($"--{option}={chosen.ToString().ToLowerInvariant()}: {instead}");
}
