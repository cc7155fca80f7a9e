namespace XenDemoCD.Build.Unpacking;

/// <summary>The names of an unpacked CD's build directory (README.md, "Unpack, change, rebuild").</summary>
public static class UnpackedLayout
{
    /// <summary>The root tree as the running system sees it.</summary>
    public const string RootDirectory = "root";

    /// <summary>The CD's kernel (KernelImage's layout), modules, xen.gz and initrd.img.</summary>
    public const string PrebuiltDirectory = "prebuilt";

    /// <summary>
    /// A --with-sources CD's archives, laid out as on the CD (PACKAGE/VERSION/FILE): the
    /// default --cache's downloads, so the rebuild reuses them instead of fetching them.
    /// </summary>
    public const string SourcesDirectory = "cache/downloads";
}
