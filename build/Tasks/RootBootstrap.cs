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
        manifest.Add(
            "mmdebstrap",
            ToolRunner.Find("mmdebstrap") is null
                ? "(not installed)"
                : (
                    await context
                        .ToolsFor(Name)
                        .CaptureAsync(HostTools.Mmdebstrap, c => c.WithArguments(["--version"]))
                ).Trim()
        );
    }

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
        var sources = Path.Combine(output, "sources.list.sources");
        await File.WriteAllTextAsync(sources, Sources(context));
        var packages = config.Packages.Select(p => ToolstackPin.Request(p, context)).ToList();
        Log.Information(
            "Bootstrapping Debian {Suite} ({Variant}) with {Count} packages",
            config.Suite,
            config.Variant,
            packages.Count
        );

        var arguments = new List<string>
        {
            $"--mode={(Environment.IsPrivilegedProcess ? "root" : "unshare")}",
            $"--variant={config.Variant}",
            "--format=tar",
            $"--include={string.Join(',', packages)}",
        };
        arguments.AddRange(config.ExcludePaths.Select(p => $"--dpkgopt=path-exclude={p}"));
        arguments.AddRange(config.IncludePaths.Select(p => $"--dpkgopt=path-include={p}"));
        arguments.AddRange([config.Suite, Path.Combine(output, Archive), sources]);

        using var progress = new StepProgress("mmdebstrap", ProgressUnit.Of("phases"));
        await context
            .ToolsFor(Name)
            .RunAsync(
                HostTools.Mmdebstrap,
                c =>
                    c.WithArguments(arguments)
                        .WithEnvironmentVariables(e =>
                            e.Set(
                                    "SOURCE_DATE_EPOCH",
                                    context.Settings.SourceDateEpoch.ToString(
                                        CultureInfo.InvariantCulture
                                    )
                                )
                                .Set("TMPDIR", Path.GetTempPath())
                        ),
                line =>
                {
                    if (line.StartsWith("I: ", StringComparison.Ordinal))
                    {
                        Log.Information("mmdebstrap: {Step:l}", line[3..]);
                    }
                    if (MmdebstrapPhases.Parse(line) is { } phase)
                    {
                        progress.Report(phase.Number, MmdebstrapPhases.Count, phase.Name);
                    }
                }
            );
        File.Delete(sources);
        Log.Information(
            "{Archive}: {Size:N0} bytes",
            Archive,
            new FileInfo(Path.Combine(output, Archive)).Length
        );
    }

    private static string Sources(BuildContext context)
    {
        var suite = BootstrapConfig.Load(ConfigFile(context)).Suite;
        var stanzas = HostAptSources.DeriveBinaryStanzas(HostAptSources.Read(), suite);
        return stanzas.Length > 0
            ? stanzas
            : throw new InputFileException(
                ConfigFile(context),
                $"the host's apt sources serve no '{suite}' suite to bootstrap from",
                $"add a '{suite}' entry to /etc/apt/sources.list.d, or choose a suite the host has"
            );
    }
}
