namespace XenDemoCD.Build.Unpacking;

/// <summary>The names of an unpacked CD's build directory (README.md, "Unpack, change, rebuild").</summary>
public static class UnpackedLayout
{
    /// <summary>The root tree as the running system sees it.</summary>
    public const string RootDirectory = "root";

    /// <summary>The CD's kernel (KernelImage's layout), modules, xen.gz and initrd.img.</summary>
    public const string PrebuiltDirectory = "prebuilt";
}
