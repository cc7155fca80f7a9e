using System.Globalization;
using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;
using XenDemoCD.Build.Unpacking;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The Debian base root, bootstrapped with mmdebstrap into a tarball (which keeps owners and
/// device nodes even without root: as root it runs in mode root, otherwise in a user namespace),
/// from the host's own apt sources, with the packages of <c>usr-layout/bootstrap.json</c> and of
/// each <c>--profile</c>'s <c>usr-layout/profiles/NAME.json</c>.
/// </summary>
[TaskName(nameof(RootBootstrap))]
[TaskDescription("Bootstraps the Debian base root with mmdebstrap (usr-layout/bootstrap.json)")]
[IsDependentOn(typeof(Prerequisites))]
public sealed class RootBootstrap : StageTask
{
    // An unpacked CD's base root is its root/ folder: bootstrap.json is not read then.
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        FromUnpackedRoot(context)
            ? context.Settings.Profiles.Count == 0
                ? []
                :
                [
                    new(
                        context.Paths.Root,
                        () =>
                            throw new CommandLineException(
                                $"--profile={string.Join(',', context.Settings.Profiles)}: this is an unpacked CD, whose base root is {context.Paths.Root} as unpacked, not a bootstrap; add the packages to that tree (chroot it and apt-get install them), or build the profile from a checkout"
                            )
                    ),
                ]
            :
            [
                new(ConfigFile(context), () => BootstrapConfig.Load(ConfigFile(context))),
                new(
                    HypervisorSource.PinFile(context),
                    () => DebianSourcePin.Load(HypervisorSource.PinFile(context))
                ),
                .. context.Settings.Profiles.Select(name => new InputCheck(
                    PackageProfile.FileOf(UsrLayoutFolder(context), name),
                    () => PackageProfile.Load(UsrLayoutFolder(context), name)
                )),
            ];

    private static string UsrLayoutFolder(BuildContext context) =>
        context.Paths.InRoot("usr-layout");

    private static IReadOnlyList<PackageProfile> Profiles(BuildContext context) =>
        [
            .. context.Settings.Profiles.Select(n =>
                PackageProfile.Load(UsrLayoutFolder(context), n)
            ),
        ];

    public const string Archive = "base.tar";

    /// <summary>The packages of the base root, <c>name=version</c> a line, as resolved before the bootstrap.</summary>
    public const string PackageList = "packages.txt";

    public static string ConfigFile(BuildContext context) =>
        context.Paths.InRoot("usr-layout", "bootstrap.json");

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        FromUnpackedRoot(context) ? []
        : Environment.IsPrivilegedProcess ? [HostTools.Mmdebstrap]
        : [HostTools.Mmdebstrap, HostTools.NewUidMap];

    /// <summary>An unpacked CD (Unpack) has root/ and root.metadata: the base is that tree, not a new bootstrap.</summary>
    public static bool FromUnpackedRoot(BuildContext context) =>
        OperatingSystem.IsLinux() && UnpackedRoot.IsPresent(context.Paths.Root);

    // The base root has two origins, chosen here and in BuildAsync by the same test.
    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        if (FromUnpackedRoot(context) && OperatingSystem.IsLinux())
        {
            DescribeUnpacked(context, manifest);
        }
        else
        {
            await DescribeArchiveAsync(context, manifest);
        }
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        if (FromUnpackedRoot(context) && OperatingSystem.IsLinux())
        {
            BuildFromUnpacked(context, output);
        }
        else
        {
            await BuildFromArchiveAsync(context, output);
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void DescribeUnpacked(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile(
            RootMetadataTable.FileName,
            context.Paths.InRoot(RootMetadataTable.FileName)
        );
        manifest.Add("root/", RootTreeHash.Of(UnpackedRoot.Read(context.Paths.Root)));
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void BuildFromUnpacked(BuildContext context, string output)
    {
        var count = UnpackedRoot.WriteBaseArchive(
            context.Paths.Root,
            Path.Combine(output, Archive),
            context.Settings.SourceDateEpoch
        );
        Log.Information(
            "Base root from the unpacked root/: {Count:N0} entries (root.metadata for owners and devices)",
            count
        );
    }

    private async Task DescribeArchiveAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile("usr-layout/bootstrap.json", ConfigFile(context));
        manifest.AddFile("hypervisor/source.json", HypervisorSource.PinFile(context));
        foreach (var profile in Profiles(context))
        {
            manifest.AddFile($"usr-layout/profiles/{profile.Name}.json", profile.File);
        }
        // --hypervisor=debian pins the toolstack to another version than source.json's.
        manifest.Add("xen-utils version", ToolstackPin.BootedVersion(context) ?? "unpinned");
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
        manifest.Add(
            "apt sources",
            StageManifest.Sha256Hex(
                System.Text.Encoding.UTF8.GetBytes(
                    Sources(context, BootstrapConfig.Load(ConfigFile(context)).Suite)
                )
            )
        );
        if (ToolRunner.Find("mmdebstrap") is null)
        {
            // A dry run before Prerequisites has installed it: the real run resolves.
            manifest.Add("mmdebstrap", "(not installed)");
            return;
        }
        manifest.Add(
            "mmdebstrap",
            (
                await context
                    .ToolsFor(Name)
                    .CaptureAsync(HostTools.Mmdebstrap, c => c.WithArguments(["--version"]))
            ).Trim()
        );
        // The apt sources name an archive that changes (security updates): what it serves today
        // is the input, so a new version of any package rebuilds the root and the log names it.
        // A dry run stays quick and offline (it is the one-second check of a change): it takes
        // the package set of the last build as what the archive serves, and says so.
        var packages = context.DryRun
            ? OutputOf(context).ReadCommittedManifest()?.Packages
            : (
                await FromArchive(context)
                    .ResolveAsync(Path.Combine(context.Paths.StageWork(Name), "resolve"))
            ).Versions;
        if (context.DryRun)
        {
            Log.Information(
                "RootBootstrap: the dry run does not ask the archive for package updates; the build does"
            );
        }
        foreach (var (package, version) in packages ?? new Dictionary<string, string>())
        {
            manifest.AddPackage(package, version);
        }
    }

    /// <summary>The base root this run bootstraps from Debian's archive.</summary>
    private DebianBaseRoot FromArchive(BuildContext context)
    {
        var config = BootstrapConfig.Load(ConfigFile(context));
        return new DebianBaseRoot(
            new Mmdebstrap(context.ToolsFor(Name), config, Sources(context, config.Suite)),
            config,
            [
                .. config
                    .Packages.Concat(Profiles(context).SelectMany(p => p.Packages))
                    .Distinct(StringComparer.Ordinal)
                    .Select(p => ToolstackPin.Request(p, context)),
            ],
            ConfigFile(context),
            HypervisorSource.PinFile(context)
        );
    }

    private async Task BuildFromArchiveAsync(BuildContext context, string output)
    {
        var root = FromArchive(context);
        var resolved = (await context.ManifestOfAsync(this)).Packages;
        Log.Information(
            "Bootstrapping Debian {Suite} ({Variant}) with {Count} packages ({Resolved} with their dependencies, listed in {List})",
            root.Config.Suite,
            root.Config.Variant,
            root.Packages.Count,
            resolved.Count,
            PackageList
        );
        await File.WriteAllTextAsync(
            Path.Combine(output, PackageList),
            string.Concat(
                resolved
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={p.Value}\n")
            )
        );
        await root.BootstrapAsync(Path.Combine(output, Archive), context.Settings.SourceDateEpoch);
        Log.Information(
            "{Archive}: {Size:N0} bytes",
            Archive,
            new FileInfo(Path.Combine(output, Archive)).Length
        );
    }

    private static string Sources(BuildContext context, string suite)
    {
        var stanzas = HostAptSources.DeriveBinaryStanzas(HostAptSources.ReadFor(suite), suite);
        return stanzas.Length > 0
            ? stanzas
            : throw new InputFileException(
                ConfigFile(context),
                $"the host's apt sources serve no '{suite}' suite to bootstrap from",
                $"add a Debian entry (any release: its codename is replaced by '{suite}') to /etc/apt/sources.list.d, or choose a suite the host has"
            );
    }
}
