using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tools;

/// <summary>Every external program the build uses, with its Debian package, in one place.</summary>
[OutputNeutral("names tools and the packages that provide them")]
public static class HostTools
{
    public static readonly HostTool AptGet = new("apt-get", "apt");
    public static readonly HostTool AptCache = new("apt-cache", "apt");
    public static readonly HostTool DpkgSource = new("dpkg-source", "dpkg-dev");
    public static readonly HostTool Patch = new("patch", "patch");
    public static readonly HostTool Make = new("make", "make");
    public static readonly HostTool Gcc = new("gcc", "gcc");
    public static readonly HostTool Ld = new("ld", "binutils");
    public static readonly HostTool Flex = new("flex", "flex");
    public static readonly HostTool Bison = new("bison", "bison");
    public static readonly HostTool Python3 = new("python3", "python3");
    public static readonly HostTool Ccache = new("ccache", "ccache");
    public static readonly HostTool Gzip = new("gzip", "gzip");
    public static readonly HostTool GrubFile = new("grub-file", "grub-common");
    public static readonly HostTool Dotnet = new("dotnet", "dotnet-sdk-10.0");
    public static readonly HostTool Mmdebstrap = new("mmdebstrap", "mmdebstrap");
    public static readonly HostTool Mkpasswd = new("mkpasswd", "whois");
    public static readonly HostTool NewUidMap = new("newuidmap", "uidmap");
    public static readonly HostTool MkfsFat = new("mkfs.fat", "dosfstools");
    public static readonly HostTool Mcopy = new("mcopy", "mtools");
    public static readonly HostTool Mmd = new("mmd", "mtools");
    public static readonly HostTool Qemu = new("qemu-system-x86_64", "qemu-system-x86");
    public static readonly HostTool Bash = new("bash", "bash");
    public static readonly HostTool Bc = new("bc", "bc");
    public static readonly HostTool Perl = new("perl", "perl");
    public static readonly HostTool Cpio = new("cpio", "cpio");
    public static readonly HostTool Depmod = new("depmod", "kmod");
    public static readonly HostTool Distcc = new("distcc", "distcc");
    public static readonly HostTool Readelf = new("readelf", "binutils");
    public static readonly HostTool Objcopy = new("objcopy", "binutils");
    public static readonly HostTool Osslsigncode = new("osslsigncode", "osslsigncode");

    // Headers and libraries the kernel's host programs link against: objtool (libelf) and the
    // certificate tools (libssl). No program to look for, so the package itself is checked.
    public static readonly HostTool LibElfDev = HostTool.Package("libelf-dev");
    public static readonly HostTool LibSslDev = HostTool.Package("libssl-dev");

    /// <summary>What compiling the Xen hypervisor needs.</summary>
    public static IReadOnlyList<HostTool> XenCompile { get; } =
    [Make, Gcc, Ld, Flex, Bison, Python3, Ccache, Gzip];

    /// <summary>What configuring Linux needs (kconfig's own parser is compiled first; merge_config.sh is bash).</summary>
    public static IReadOnlyList<HostTool> KernelConfigure { get; } =
    [Make, Gcc, Ld, Flex, Bison, Bash];

    /// <summary>What compiling Linux (bzImage, modules, modules_install with depmod) needs.</summary>
    public static IReadOnlyList<HostTool> KernelCompile { get; } =
    [.. KernelConfigure, Bc, Perl, Cpio, Gzip, Ccache, Depmod, LibElfDev, LibSslDev];

    /// <summary>What sending compiles to distcc hosts (<c>--distcc</c>) adds.</summary>
    public static IReadOnlyList<HostTool> DistccCompile { get; } = [Distcc, Readelf];
}
