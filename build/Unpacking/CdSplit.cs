namespace XenDemoCD.Build.Unpacking;

/// <summary>Where a path of the CD goes in the unpacked directory.</summary>
public enum CdPart
{
    /// <summary>The running system's /usr: into root/usr.</summary>
    Usr,

    /// <summary>/XenDemoCD/build: the build system, at the top of the directory.</summary>
    BuildSystem,

    /// <summary>Built files reused by the rebuild: kernel, modules, hypervisor, initrd.</summary>
    Prebuilt,

    /// <summary>Made anew by every build (GRUB, EFI, the ISO's own records): not unpacked.</summary>
    Skipped,
}

/// <summary>
/// Which part of the CD a path belongs to. MasterIso adds the built files on top of the running
/// system's /usr; these are its names, so the rest is /usr exactly as UsrLayout made it.
/// </summary>
public static class CdSplit
{
    public const string BuildDirectory = "XenDemoCD/build";

    public static (CdPart Part, string Path) Classify(string path, string? kernelRelease)
    {
        if (
            path == BuildDirectory
            || path.StartsWith(BuildDirectory + "/", StringComparison.Ordinal)
        )
        {
            return (
                CdPart.BuildSystem,
                path.Length == BuildDirectory.Length ? "" : path[(BuildDirectory.Length + 1)..]
            );
        }
        if (
            path == "XenDemoCD"
            || path.StartsWith("XenDemoCD/", StringComparison.Ordinal)
            || path == "EFI"
            || path.StartsWith("EFI/", StringComparison.Ordinal)
        )
        {
            return (CdPart.Skipped, path);
        }
        if (path == "boot/grub" || path.StartsWith("boot/grub/", StringComparison.Ordinal))
        {
            return (CdPart.Skipped, path);
        }
        if (kernelRelease is not null)
        {
            var modules = $"lib/modules/{kernelRelease}";
            if (path == modules || path.StartsWith(modules + "/", StringComparison.Ordinal))
            {
                return (CdPart.Prebuilt, "modules/" + path);
            }
            if (path == $"boot/config-{kernelRelease}")
            {
                return (CdPart.Prebuilt, "config");
            }
            if (path == $"boot/System.map-{kernelRelease}")
            {
                return (CdPart.Prebuilt, "System.map");
            }
        }
        return path switch
        {
            "boot/xen.gz" => (CdPart.Prebuilt, "xen.gz"),
            "boot/vmlinuz" => (CdPart.Prebuilt, "vmlinuz"),
            "boot/initrd.img" => (CdPart.Prebuilt, "initrd.img"),
            _ => (CdPart.Usr, path),
        };
    }
}
