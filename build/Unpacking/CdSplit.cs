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

    /// <summary>
    /// --with-sources' archives (/usr/local/src/downloads): into the unpacked directory's
    /// download cache, where a rebuild with --with-sources finds them, checked against the pins.
    /// </summary>
    Sources,

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

    /// <summary>What --with-sources adds below /usr (CdSources): the archives and their README.</summary>
    public const string SourcesDownloads = "local/src/downloads";

    public const string SourcesReadme = "local/src/README";

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
        // The rebuild adds these again with --with-sources and must not find them in the root
        // (MasterIso refuses a second /local/src/README); without it they are stale.
        if (path == SourcesReadme)
        {
            return (CdPart.Skipped, path);
        }
        if (path == SourcesDownloads)
        {
            return (CdPart.Sources, "");
        }
        if (path.StartsWith(SourcesDownloads + "/", StringComparison.Ordinal))
        {
            return (CdPart.Sources, path[(SourcesDownloads.Length + 1)..]);
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
            "boot/xen.efi" => (CdPart.Prebuilt, "xen.efi"),
            "boot/vmlinuz" => (CdPart.Prebuilt, "vmlinuz"),
            "boot/initrd.img" => (CdPart.Prebuilt, "initrd.img"),
            _ => (CdPart.Usr, path),
        };
    }
}
