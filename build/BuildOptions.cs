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
    public static readonly CommandLineOption Distcc = new(
        "distcc",
        "send the Xen and Linux compiles through ccache to these distcc hosts, each with its slots (default: $DISTCC_HOSTS; none: off); preprocessing stays here",
        "HOST[:PORT][/LIMIT],…"
    );
    public static readonly CommandLineOption Force = new(
        "force",
        "rebuild even when up to date: every task of the target, or the named ones (comma-separated)",
        "TASKS"
    )
    {
        ValueIsOptional = true,
        NamesTasks = true,
    };
    public static readonly CommandLineOption Out = new(
        "out",
        "output directory (default: ./out)",
        "DIR"
    )
    {
        IsPath = true,
    };
    public static readonly CommandLineOption Cache = new(
        "cache",
        "download and compiler cache, shared by every checkout (default: $XDG_CACHE_HOME/xendemocd, else ~/.cache/xendemocd)",
        "DIR"
    )
    {
        IsPath = true,
    };
    public static readonly CommandLineOption SourceDateEpoch = new(
        "source-date-epoch",
        "the time every output is stamped with (default: $SOURCE_DATE_EPOCH, else the last commit)",
        "SECONDS"
    );

    public static readonly CommandLineOption Kernel = new(
        "kernel",
        "compiled: build Linux from source with xenolinux-patches (default); debian: use Debian's linux-image package; prebuilt: the unpacked CD's prebuilt/ (the default in an unpacked CD without kernel sources)",
        "compiled|debian|prebuilt"
    );
    public static readonly CommandLineOption Hypervisor = new(
        "hypervisor",
        "debian: Debian's xen-hypervisor-4.20-amd64 package (the default); compiled: build Xen from the pinned source, where the archive serves it; prebuilt: the unpacked CD's prebuilt/xen.gz (the default in an unpacked CD)",
        "compiled|debian|prebuilt"
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
    )
    {
        IsPath = true,
    };

    public static readonly CommandLineOption WithSources = new(
        "with-sources",
        "put the exact Xen and Linux source archives the build compiled on the CD, under /usr/local/src, with a README on rebuilding from them"
    );

    public static readonly CommandLineOption Release = new(
        "release",
        "a release build: --with-sources, and the kernel and hypervisor must be compiled (a CD that is passed on must carry the source of what it runs)"
    );

    public static readonly CommandLineOption BootCases = new(
        "boot-cases",
        "what BootTest boots (default: every case but bench's): some of bios-cd,uefi-cd,bios-usb,uefi-usb,linux-bios-cd,guest (BIOS-CD plus a guest domain),install (BIOS-CD, install to an empty disk, boot the disk),web (Cockpit driven by Chromium),bench (xendemo-bench --quick in native, dom0 and a guest; needs --profile=bench),bench-full (the same, the whole suite: about an hour under TCG); or all (every case but bench-full)",
        "LIST"
    );
    public static readonly CommandLineOption Filter = new(
        "filter",
        "UnitTests/IntegrationTests: only the tests this dotnet test filter selects, e.g. FullyQualifiedName~Iso9660 or Name~Rock_Ridge",
        "EXPR"
    );
    public static readonly CommandLineOption Iso = new(
        "iso",
        "the ISO to boot (Run) or unpack (default: the one built)",
        "PATH"
    )
    {
        IsPath = true,
    };
    public static readonly CommandLineOption SecureBoot = new(
        "secure-boot",
        "UEFI Secure Boot path (see README \"Secure Boot\"): shim, MokManager, GRUB, a launcher, xen.efi and the kernel signed with the build's key"
    );
    public static readonly CommandLineOption SigningKey = new(
        "signing-key",
        "--secure-boot: the PEM RSA private key that signs GRUB, Xen and the kernel (with --signing-cert; default: the build's demo key, kept in the cache)",
        "KEY"
    )
    {
        IsPath = true,
    };
    public static readonly CommandLineOption SigningCert = new(
        "signing-cert",
        "--secure-boot: the PEM certificate of --signing-key, put on the CD for enrolment",
        "CRT"
    )
    {
        IsPath = true,
    };
    public static readonly CommandLineOption Firmware = new(
        "firmware",
        "Run: bios or uefi (default bios)",
        "FIRMWARE"
    );
    public static readonly CommandLineOption Media = new(
        "media",
        "Run: cd or usb (default cd)",
        "MEDIA"
    );
    public static readonly CommandLineOption Memory = new(
        "memory",
        "Run: the VM's memory in MiB (default 2048)",
        "MIB"
    );
    public static readonly CommandLineOption Profile = new(
        "profile",
        "package profiles the CD adds, from usr-layout/profiles/NAME.json (e.g. bench); several with commas",
        "NAME[,NAME]"
    );
    public static readonly CommandLineOption WebPort = new(
        "web-port",
        "Run: the host port forwarded to dom0's web console, Cockpit on 9090 (default 9090)",
        "PORT"
    );
    public static readonly CommandLineOption Display = new(
        "display",
        "Run: serial (this terminal) or window",
        "DISPLAY"
    );

    public static readonly CommandLineOption Into = new(
        "into",
        "Unpack: the new or empty directory that receives the build system and the root tree",
        "DIR"
    )
    {
        IsPath = true,
    };

    public static IReadOnlyList<CommandLineOption> All { get; } =
    [
        Jobs,
        Distcc,
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
        WithSources,
        Release,
        SecureBoot,
        SigningKey,
        SigningCert,
        BootCases,
        Profile,
        Filter,
        Iso,
        Firmware,
        Media,
        Memory,
        WebPort,
        Display,
        Into,
    ];
}
