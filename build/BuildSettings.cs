using System.Globalization;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build;

/// <summary>The settings of this run, parsed and checked once; frozen afterwards.</summary>
public sealed record BuildSettings(
    int Jobs,
    bool ForceAll,
    IReadOnlySet<string> ForcedTasks,
    long SourceDateEpoch,
    string SourceDateEpochOrigin,
    string VersionId,
    string Builder,
    string RootPassword,
    string? SshKeyFile
)
{
    /// <summary>Whether the kernel is compiled or taken from Debian (<c>--kernel</c>).</summary>
    public ImageOrigin Kernel { get; init; } = ImageOrigin.Compiled;

    /// <summary>
    /// Whether the hypervisor is compiled or taken from Debian (<c>--hypervisor</c>). Debian's by
    /// default: the archive this project builds from serves trixie's Xen 4.20 binaries but not
    /// its source package (see <see cref="DefaultHypervisor"/>).
    /// </summary>
    public ImageOrigin Hypervisor { get; init; } = DefaultHypervisor;

    /// <summary>
    /// What a checkout boots when <c>--hypervisor</c> is not given. Debian's
    /// <c>xen-hypervisor-4.20-amd64</c>, because the archive reachable here lists trixie's
    /// <c>xen</c> source package but answers 404 for its files, so a compiled Xen 4.20 cannot be
    /// made from it; <c>--hypervisor=compiled</c> builds the pinned source wherever it is served.
    /// </summary>
    public const ImageOrigin DefaultHypervisor = ImageOrigin.Debian;

    public IReadOnlyList<Qemu.BootCase> BootCases { get; init; } = Qemu.BootCase.Default;

    /// <summary><c>--profile</c>: the package profiles the root adds to bootstrap.json's packages.</summary>
    public IReadOnlyList<string> Profiles { get; init; } = [];

    /// <summary><c>--distcc</c> (or <c>$DISTCC_HOSTS</c>): the compile hosts asked for, before they are checked.</summary>
    public IReadOnlyList<DistccHost> Distcc { get; init; } = [];

    /// <summary><c>--filter</c>: a dotnet test filter narrowing UnitTests and IntegrationTests.</summary>
    public string? TestFilter { get; init; }

    /// <summary>Whether the CD carries the compiled sources (<c>--with-sources</c>).</summary>
    public bool WithSources { get; init; }

    /// <summary>A release build (<c>--release</c>): with sources, kernel and hypervisor compiled.</summary>
    public bool Release { get; init; }

    public Qemu.VmSettings Vm { get; init; } =
        new(null, Qemu.Firmware.Bios, Qemu.BootMedia.Cd, 2048, false);

    /// <summary>
    /// How the CD's kernel was made, as build-settings.json records it: a rebuild from an unpacked
    /// CD's prebuilt/ keeps the origin of the files it reuses, so the record (and the ISO) stay the same.
    /// </summary>
    public string KernelRecord { get; init; } = "compiled";

    /// <summary>How the CD's hypervisor was made, as build-settings.json records it (see <see cref="KernelRecord"/>).</summary>
    public string HypervisorRecord { get; init; } = "debian";

    /// <summary>
    /// <c>--signing-key</c> and <c>--signing-cert</c>: the user's Secure Boot key pair, or null
    /// for the build's demo key (SecureBoot checks the files before the first stage).
    /// </summary>
    public (string Key, string Certificate)? SigningPair { get; init; }

    /// <summary><c>--secure-boot</c>: the CD gets the Secure Boot path (shim, signed GRUB and xen.efi).</summary>
    public bool SecureBoot { get; init; }

    /// <summary>Unpack's target directory (<c>--into</c>).</summary>
    public string? UnpackInto { get; init; }

    /// <summary>The repository folders that describe the CD's content.</summary>
    public static readonly string[] ContentFolders =
    [
        "hypervisor",
        "xenolinux-patches",
        "rootpatch",
        "rootpatch.permissions",
        "irtree",
        "usr-layout",
        "grub",
        "secureboot",
    ];

    public bool IsForced(string task) => ForceAll || ForcedTasks.Contains(task);

    public DateTimeOffset SourceDate => DateTimeOffset.FromUnixTimeSeconds(SourceDateEpoch);

    public static BuildSettings From(ParsedArguments arguments, string root)
    {
        // An unpacked CD records what it was built with; a rebuild reuses it unless told otherwise.
        var recorded = Unpacking.CdBuildSettings.InRoot(root);
        var (epoch, origin) = ReadSourceDateEpoch(arguments, root, recorded);
        var force = arguments.Get(BuildOptions.Force.Name);
        var forceAll = force is "true" or "all" or "";
        var forced =
            forceAll || force is null
                ? new HashSet<string>(StringComparer.OrdinalIgnoreCase)
                : force
                    .Split(
                        ',',
                        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
                    )
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sshKey = arguments.Get(BuildOptions.SshKey.Name) is { } key
            ? Path.GetFullPath(key)
            : null;
        if (sshKey is not null && !File.Exists(sshKey))
        {
            throw new CommandLineException(
                $"--ssh-key={sshKey}: no such file; give the path of a public key (e.g. ~/.ssh/id_ed25519.pub)."
            );
        }
        var kernel = ReadOrigin(
            arguments,
            BuildOptions.Kernel,
            DefaultOrigin(root, "vmlinuz", recorded?.Kernel, ImageOrigin.Compiled)
        );
        var release = arguments.Flag(BuildOptions.Release.Name);
        // A release carries the source of what it boots, so it compiles Xen unless told otherwise
        // (and then refuses: see RequireCompiledForRelease).
        var hypervisor = ReadOrigin(
            arguments,
            BuildOptions.Hypervisor,
            DefaultOrigin(
                root,
                "xen.gz",
                recorded?.Hypervisor,
                release ? ImageOrigin.Compiled : DefaultHypervisor
            )
        );
        if (release)
        {
            RequireCompiledForRelease(BuildOptions.Kernel, kernel);
            RequireCompiledForRelease(BuildOptions.Hypervisor, hypervisor);
        }
        var settings = new BuildSettings(
            ReadJobs(arguments),
            forceAll,
            forced,
            epoch,
            origin,
            arguments.Get(BuildOptions.VersionId.Name)
                ?? RecordFile(root, "VERSION")
                ?? recorded?.VersionId
                ?? GitInfo.Describe(root)
                ?? "unversioned",
            arguments.Get(BuildOptions.Builder.Name)
                ?? RecordFile(root, "Builder")
                ?? recorded?.Builder
                ?? GitInfo.UserName(root)
                ?? "unknown",
            arguments.Get(BuildOptions.RootPassword.Name) ?? RootFs.RootPassword.Default,
            sshKey
        )
        {
            BootCases = Qemu.BootCase.Parse(arguments.Get(BuildOptions.BootCases.Name)),
            // An unpacked CD rebuilds with its own profiles and Secure Boot path unless told
            // (--profile= and --secure-boot=false leave them out).
            Profiles = RootFs.PackageProfile.ParseNames(
                arguments.Get(BuildOptions.Profile.Name) ?? recorded?.Profiles
            ),
            TestFilter = arguments.Get(BuildOptions.Filter.Name),
            Distcc = DistccHost.ParseHosts(
                arguments.Get(BuildOptions.Distcc.Name),
                Environment.GetEnvironmentVariable("DISTCC_HOSTS")
            ),
            WithSources = release || arguments.Flag(BuildOptions.WithSources.Name),
            Release = release,
            Vm = VmArguments.Read(arguments),
            Kernel = kernel,
            Hypervisor = hypervisor,
            KernelRecord = Record(kernel, recorded?.Kernel),
            HypervisorRecord = Record(hypervisor, recorded?.Hypervisor),
            SigningPair = ReadSigningPair(arguments),
            SecureBoot = arguments.Get(BuildOptions.SecureBoot.Name) is null
                ? recorded?.SecureBoot ?? false
                : arguments.Flag(BuildOptions.SecureBoot.Name),
            UnpackInto = arguments.Get(BuildOptions.Into.Name) is { } into
                ? Path.GetFullPath(into)
                : null,
        };
        Qemu.BootCase.RequireProfiles(settings.BootCases, settings.Profiles, settings.Vm.Iso);
        if (settings.SigningPair is not null && !settings.SecureBoot)
        {
            throw new CommandLineException(
                "--signing-key and --signing-cert sign the Secure Boot path, which this build leaves out: add --secure-boot."
            );
        }
        if (
            !settings.SecureBoot
            && settings.Vm.Iso is null
            && settings.BootCases.FirstOrDefault(c => c.SecureBoot) is { } secure
        )
        {
            throw new CommandLineException(
                $"--boot-cases: the case '{secure.Name}' needs a CD built with --secure-boot; add it, or give that CD with --iso=PATH."
            );
        }
        return settings;
    }

    private static (string, string)? ReadSigningPair(ParsedArguments arguments)
    {
        var key = arguments.Get(BuildOptions.SigningKey.Name);
        var certificate = arguments.Get(BuildOptions.SigningCert.Name);
        return (key, certificate) switch
        {
            (null, null) => null,
            ({ } k, { } c) => (Path.GetFullPath(k), Path.GetFullPath(c)),
            _ => throw new CommandLineException(
                $"--{(key is null ? BuildOptions.SigningCert.Name : BuildOptions.SigningKey.Name)} without --{(key is null ? BuildOptions.SigningKey.Name : BuildOptions.SigningCert.Name)}: give both (the key and its certificate), or neither for the build's demo key."
            ),
        };
    }

    /// <summary>
    /// A release is passed on, so it carries the corresponding source of everything it runs
    /// (--with-sources); a Debian or prebuilt binary's source is not ours to carry.
    /// </summary>
    private static void RequireCompiledForRelease(CommandLineOption option, ImageOrigin origin)
    {
        if (origin != ImageOrigin.Compiled)
        {
            var value = origin.ToString().ToLowerInvariant();
            throw new CommandLineException(
                $"--release needs the {option.Name} compiled from source, but it is '{value}' here (--{option.Name}={value}, given or taken from an unpacked CD's prebuilt/); give --{option.Name}=compiled, or drop --release and use --with-sources."
            );
        }
    }

    private static ImageOrigin ReadOrigin(
        ParsedArguments arguments,
        CommandLineOption option,
        ImageOrigin fallback
    ) =>
        arguments.Get(option.Name)?.ToLowerInvariant() switch
        {
            null => fallback,
            "compiled" => ImageOrigin.Compiled,
            "debian" => ImageOrigin.Debian,
            "prebuilt" => ImageOrigin.Prebuilt,
            var other => throw new CommandLineException(
                $"Argument '--{option.Name}={other}': expected 'compiled', 'debian' or 'prebuilt' ({option.Help})."
            ),
        };

    /// <summary>
    /// In an unpacked CD the kernel and Xen are the CD's own (<c>prebuilt/</c>) when it carried
    /// them, else made the way the CD's were (build-settings.json); an explicit
    /// --kernel/--hypervisor wins. In a checkout: <paramref name="checkout"/>.
    /// </summary>
    private static ImageOrigin DefaultOrigin(
        string root,
        string prebuiltFile,
        string? recorded,
        ImageOrigin checkout
    ) =>
        File.Exists(Path.Combine(root, Unpacking.UnpackedLayout.PrebuiltDirectory, prebuiltFile))
            ? ImageOrigin.Prebuilt
            : recorded switch
            {
                "debian" => ImageOrigin.Debian,
                "compiled" => ImageOrigin.Compiled,
                _ => checkout,
            };

    private static string Record(ImageOrigin origin, string? recorded) =>
        origin == ImageOrigin.Prebuilt && recorded is not null
            ? recorded
            : origin.ToString().ToLowerInvariant();

    /// <summary>A one-line file of an unpacked CD (README.CD: <c>echo NAME &gt; Builder</c>).</summary>
    private static string? RecordFile(string root, string name)
    {
        var file = Path.Combine(root, name);
        return File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } text
            ? text
            : null;
    }

    private static int ReadJobs(ParsedArguments arguments)
    {
        var value = arguments.Get(BuildOptions.Jobs.Name);
        if (value is null)
        {
            return Environment.ProcessorCount;
        }
        if (
            !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var jobs)
            || jobs < 1
        )
        {
            throw new CommandLineException(
                $"Argument '--jobs={value}': expected a whole number of 1 or more (this machine has {Environment.ProcessorCount} cores)."
            );
        }
        return jobs;
    }

    private static (long Epoch, string Origin) ReadSourceDateEpoch(
        ParsedArguments arguments,
        string root,
        Unpacking.CdBuildSettings? recorded
    )
    {
        var given = arguments.Get(BuildOptions.SourceDateEpoch.Name);
        if (given is not null)
        {
            return (ParseEpoch(given, "--source-date-epoch"), "--source-date-epoch");
        }
        var environment = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (!string.IsNullOrEmpty(environment))
        {
            return (ParseEpoch(environment, "SOURCE_DATE_EPOCH"), "SOURCE_DATE_EPOCH");
        }
        if (recorded?.SourceDateEpoch is { } fromCd)
        {
            return (fromCd, CdBuildSettingsOrigin);
        }
        // The date of the CD's content: the last commit that changed what goes onto it, so a
        // commit to the build system's code alone does not restamp (and rebuild) every stage.
        if (GitInfo.CommitTime(root, ContentFolders) is { } commit)
        {
            return (commit, "last commit changing " + string.Join(", ", ContentFolders));
        }
        // Not a git checkout (e.g. an unpacked CD without its record): a fixed, documented time
        // keeps outputs reproducible rather than stamping them with the clock.
        return (0, "default (no git history; give --source-date-epoch)");
    }

    private const string CdBuildSettingsOrigin = "build-settings.json (the unpacked CD's)";

    private static long ParseEpoch(string value, string origin) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? epoch
            : throw new CommandLineException(
                $"{origin}='{value}' is not a time in seconds since 1970 (e.g. 1700000000; `git log -1 --format=%ct` prints one)."
            );
}
