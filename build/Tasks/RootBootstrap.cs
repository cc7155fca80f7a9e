using System.Globalization;
using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;
using XenDemoCD.Build.Unpacking;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The Debian base root, bootstrapped with mmdebstrap into a tarball (which keeps owners and
/// device nodes even without root: as root it runs in mode root, otherwise in a user namespace),
/// from the host's own apt sources, with the packages of <c>usr-layout/bootstrap.json</c>.
/// </summary>
[TaskName(nameof(RootBootstrap))]
[TaskDescription("Bootstraps the Debian base root with mmdebstrap (usr-layout/bootstrap.json)")]
[IsDependentOn(typeof(Prerequisites))]
public sealed class RootBootstrap : StageTask
{
    // An unpacked CD's base root is its root/ folder: bootstrap.json is not read then.
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        FromUnpackedRoot(context)
            ? []
            :
            [
                new(ConfigFile(context), () => BootstrapConfig.Load(ConfigFile(context))),
                new(
                    HypervisorSource.PinFile(context),
                    () => DebianSourcePin.Load(HypervisorSource.PinFile(context))
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

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        if (FromUnpackedRoot(context) && OperatingSystem.IsLinux())
        {
            manifest.AddFile(
                RootMetadataTable.FileName,
                context.Paths.InRoot(RootMetadataTable.FileName)
            );
            manifest.Add("root/", RootTreeHash.Of(UnpackedRoot.Read(context.Paths.Root)));
            return;
        }
        manifest.AddFile("usr-layout/bootstrap.json", ConfigFile(context));
        manifest.AddFile("hypervisor/source.json", HypervisorSource.PinFile(context));
        // --hypervisor=debian pins the toolstack to another version than source.json's.
        manifest.Add("xen-utils version", ToolstackPin.BootedVersion(context) ?? "unpinned");
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
        manifest.Add(
            "apt sources",
            StageManifest.Sha256Hex(System.Text.Encoding.UTF8.GetBytes(Sources(context)))
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
            : (await ResolveAsync(context)).Versions;
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

    /// <summary>
    /// What mmdebstrap would install, by its own <c>--simulate</c> with the same arguments
    /// (copying its selection of essential and required packages into an apt-get call would
    /// drift). It costs an index download, about 15 seconds. It may name a package more than
    /// the root gets, never one less: the second phase is simulated without the essential
    /// packages installed, so a dependency one of them provides is met by the real package
    /// (bookworm: lsb-base, which sysvinit-utils provides).
    /// </summary>
    private async Task<ResolvedPackages> ResolveAsync(BuildContext context)
    {
        var config = BootstrapConfig.Load(ConfigFile(context));
        var packages = config.Packages.Select(p => ToolstackPin.Request(p, context)).ToList();
        var started = DateTime.UtcNow;
        var (resolved, lines) = await SimulateAsync(context, config, packages);
        if (resolved is null)
        {
            if (ResolvedPackages.MissingVersion(lines) is { } missing)
            {
                throw await NotServedAsync(context, config, packages, missing);
            }
            throw new InvalidOperationException(
                $"mmdebstrap --simulate could not resolve the base root's packages: {string.Join(" | ", lines.TakeLast(5))}"
            );
        }
        Log.Information(
            "Resolved the base root: {Count} packages in {Elapsed:mm\\:ss\\.f}",
            resolved.Versions.Count,
            DateTime.UtcNow - started
        );
        return resolved;
    }

    /// <summary>A pinned version the archive no longer serves: named, with what it serves now.</summary>
    private async Task<Exception> NotServedAsync(
        BuildContext context,
        BootstrapConfig config,
        List<string> packages,
        (string Package, string Version) missing
    )
    {
        var unpinned = packages
            .Select(p => p == $"{missing.Package}={missing.Version}" ? missing.Package : p)
            .ToList();
        var (served, _) = await SimulateAsync(context, config, unpinned);
        var now = served?.Versions.GetValueOrDefault(missing.Package) is { } version
            ? $"it serves {version}"
            : "it serves no version of it";
        var fromHypervisor = !config.Packages.Contains($"{missing.Package}={missing.Version}");
        return new InputFileException(
            fromHypervisor ? HypervisorSource.PinFile(context) : ConfigFile(context),
            $"{missing.Package} {missing.Version} is pinned{(fromHypervisor ? " (the toolstack follows the hypervisor's version)" : "")}, but the archive no longer serves that version; {now}",
            fromHypervisor
                ? "pin the hypervisor source to the version the archive serves, or use apt sources (a snapshot) that still serve this one"
                : "pin the version the archive serves, or use apt sources (a snapshot) that still serve this one"
        );
    }

    private Task<(ResolvedPackages? Resolved, List<string> Lines)> SimulateAsync(
        BuildContext context,
        BootstrapConfig config,
        List<string> packages
    ) =>
        new Mmdebstrap(context.ToolsFor(Name), config, Sources(context)).SimulateAsync(
            packages,
            Path.Combine(context.Paths.StageWork(Name), "resolve")
        );

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        if (FromUnpackedRoot(context) && OperatingSystem.IsLinux())
        {
            var tree = UnpackedRoot.Read(context.Paths.Root);
            RootTarWriter.WriteFile(
                tree.Nodes,
                Path.Combine(output, Archive),
                context.Settings.SourceDateEpoch,
                gzip: false
            );
            Log.Information(
                "Base root from the unpacked root/: {Count:N0} entries (root.metadata for owners and devices)",
                tree.Count
            );
            return;
        }
        var config = BootstrapConfig.Load(ConfigFile(context));
        var packages = config.Packages.Select(p => ToolstackPin.Request(p, context)).ToList();
        var resolved = (await context.ManifestOfAsync(this)).Packages;
        Log.Information(
            "Bootstrapping Debian {Suite} ({Variant}) with {Count} packages ({Resolved} with their dependencies, listed in {List})",
            config.Suite,
            config.Variant,
            packages.Count,
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
        await new Mmdebstrap(context.ToolsFor(Name), config, Sources(context)).BootstrapAsync(
            packages,
            Path.Combine(output, Archive),
            context.Settings.SourceDateEpoch
        );
        Log.Information(
            "{Archive}: {Size:N0} bytes",
            Archive,
            new FileInfo(Path.Combine(output, Archive)).Length
        );
    }

    private static string Sources(BuildContext context)
    {
        var suite = BootstrapConfig.Load(ConfigFile(context)).Suite;
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
