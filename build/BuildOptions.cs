using XenDemoCD.Build.Host;

namespace XenDemoCD.Build;

/// <summary>The arguments of the XenDemoCD build (beyond the host's own).</summary>
public static class BuildOptions
{
    public static readonly CommandLineOption Jobs = new(
        "jobs",
        "parallel compile jobs (default: all cores)",
        "N"
    );
    public static readonly CommandLineOption Force = new(
        "force",
        "rebuild even when up to date: every stage, or the named ones (comma-separated)",
        "[TASKS]"
    );
    public static readonly CommandLineOption Out = new(
        "out",
        "output directory (default: ./out)",
        "DIR"
    );
    public static readonly CommandLineOption Cache = new(
        "cache",
        "download and compiler cache (default: ./cache)",
        "DIR"
    );
    public static readonly CommandLineOption SourceDateEpoch = new(
        "source-date-epoch",
        "the time every output is stamped with (default: $SOURCE_DATE_EPOCH, else the last commit)",
        "SECONDS"
    );

    public static readonly CommandLineOption Kernel = new(
        "kernel",
        "compiled: build Linux from source with xenolinux-patches (default); debian: use Debian's linux-image package",
        "compiled|debian"
    );
    public static readonly CommandLineOption Hypervisor = new(
        "hypervisor",
        "compiled: build Xen from source (default); debian: use Debian's xen-hypervisor package",
        "compiled|debian"
    );

    public static readonly CommandLineOption VersionId = new(
        "version-id",
        "the CD's version, shown in the banner (default: git describe)",
        "TEXT"
    );
    public static readonly CommandLineOption Builder = new(
        "builder",
        "who built the CD, shown in the banner (default: git user.name)",
        "NAME"
    );
    public static readonly CommandLineOption RootPassword = new(
        "root-password",
        "root's password on the CD (default: xendemo); stored only as a hash",
        "PASSWORD"
    );
    public static readonly CommandLineOption SshKey = new(
        "ssh-key",
        "a public key file to add to root's authorized_keys",
        "FILE"
    );

    public static IReadOnlyList<CommandLineOption> All { get; } =
    [
        Jobs,
        Force,
        Out,
        Cache,
        SourceDateEpoch,
        Kernel,
        Hypervisor,
        VersionId,
        Builder,
        RootPassword,
        SshKey,
    ];
}
