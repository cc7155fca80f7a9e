namespace XenDemoCD.Build.Tools;

/// <summary>Every external program the build uses, with its Debian package, in one place.</summary>
public static class HostTools
{
    public static readonly HostTool AptGet = new("apt-get", "apt");
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
    public static readonly HostTool Git = new("git", "git");

    /// <summary>What compiling the Xen hypervisor needs.</summary>
    public static IReadOnlyList<HostTool> XenCompile { get; } =
    [Make, Gcc, Ld, Flex, Bison, Python3, Ccache, Gzip];
}
