namespace XenDemoCD.Build.Host;

/// <summary>A program the build runs, and the Debian package that provides it.</summary>
public sealed record HostTool(string? Program, string DebianPackage)
{
    public override string ToString() =>
        Program is null ? DebianPackage : $"{Program} ({DebianPackage})";

    /// <summary>A package that must be installed, for what it ships rather than one program.</summary>
    public static HostTool Package(string debianPackage) => new(null, debianPackage);
}
