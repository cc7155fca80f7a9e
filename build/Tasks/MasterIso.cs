using System.Globalization;
using Serilog;
using XenDemoCD.Build.Cd;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Unpacking;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Masters the CD in-process with our ISO 9660 library. The ISO's root is the running system's
/// <c>/usr</c> (with the kernel's modules in <c>lib/modules</c>), plus <c>/boot</c> (Xen, kernel,
/// initrd, GRUB), <c>/XenDemoCD</c> (root.tar.gz, this build system, Builder, VERSION and the
/// settings a rebuild reuses) and <c>/EFI</c>; BIOS and UEFI El Torito entries and GRUB's hybrid
/// MBR/GPT so the same image boots from a CD and from a USB stick.
/// With <c>--profile=bench</c>, also <see cref="BenchKernelTree"/>'s workload in
/// <c>/share/xendemo-bench</c>. Output: <c>out/xendemo-VERSION.iso</c>
/// (<c>xendemo-VERSION-PROFILE.iso</c> with <c>--profile</c>) and its <c>.sha256</c>.
/// </summary>
[TaskName(nameof(MasterIso))]
[TaskDescription("Masters the bootable ISO: out/xendemo-<version>.iso")]
[IsDependentOn(typeof(HypervisorImage))]
[IsDependentOn(typeof(KernelImage))]
[IsDependentOn(typeof(RootTarball))]
[IsDependentOn(typeof(Initrd))]
[IsDependentOn(typeof(BootLoader))]
[IsDependentOn(typeof(SecureBoot))]
[IsDependentOn(typeof(BenchKernelTree))]
public sealed class MasterIso : StageTask
{
    public static string IsoName(BuildContext context) =>
        $"xendemo-{string.Concat(context.Settings.VersionId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'))}{string.Concat(context.Settings.Profiles.Select(p => "-" + p))}.iso";

    /// <summary>Where users find the ISO: <c>out/xendemo-VERSION.iso</c>.</summary>
    public static string PublishedIso(BuildContext context) =>
        Path.Combine(context.Paths.Out, IsoName(context));

    /// <summary>--with-sources fetches the source archives again (from the cache, when there).</summary>
    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        context.Settings.WithSources ? [Tools.HostTools.AptGet, Tools.HostTools.DpkgSource] : [];

    public static string ZisofsFile(BuildContext context) =>
        context.Paths.InRoot("usr-layout", "zisofs.conf");

    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [new(ZisofsFile(context), () => ZisofsRules.Load(ZisofsFile(context)))];

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile("usr-layout/zisofs.conf", ZisofsFile(context));
        await AddUpstreamAsync<UsrLayout>(context, manifest);
        await AddUpstreamAsync<RootTarball>(context, manifest);
        await AddUpstreamAsync<Initrd>(context, manifest);
        await AddUpstreamAsync<BootLoader>(context, manifest);
        if (context.Settings.SecureBoot)
        {
            await AddUpstreamAsync<SecureBoot>(context, manifest);
        }
        if (BenchKernelTree.Wanted(context))
        {
            await AddUpstreamAsync<BenchKernelTree>(context, manifest);
        }
        await KernelImage.AddToManifestAsync(context, manifest);
        await HypervisorImage.AddToManifestAsync(context, manifest);
        manifest.Add("version-id", context.Settings.VersionId);
        // The archives themselves are fixed by the pins, which the upstream stages hash.
        manifest.Add("with-sources", context.Settings.WithSources ? "yes" : "no");
        manifest.Add("builder", context.Settings.Builder);
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
        // Described once a run: the warning about what stays behind comes once.
        var buildSystem = BuildSystemFiles.Select(context.Paths.Root);
        if (buildSystem.LeftOut.Count > 0)
        {
            Log.Warning(
                "Left off the CD's build system, as git does not track them (or, in an unpacked CD, {Record} does not list them): {Files}",
                BuildSystemFiles.RecordName,
                buildSystem.LeftOut
            );
        }
        foreach (var file in buildSystem.Files)
        {
            var onDisk = new FileInfo(context.Paths.InRoot(file));
            if (onDisk.LinkTarget is { } target)
            {
                manifest.Add("build system:" + file, "-> " + target);
            }
            else
            {
                manifest.AddFile("build system:" + file, onDisk.FullName);
            }
        }
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var kernel = KernelImage.DirectoryOf(context);
        var release = KernelImage.ReleaseOf(context);
        var bootLoader = new BootLoader().OutputOf(context).Path;
        string? secureBoot = context.Settings.SecureBoot
            ? new SecureBoot().OutputOf(context).Path
            : null;
        var content = new CdContent
        {
            UsrArchive = Path.Combine(new UsrLayout().OutputOf(context).Path, UsrLayout.UsrArchive),
            Modules = Path.Combine(kernel, KernelImage.ModulesDirectory, "lib", "modules", release),
            KernelRelease = release,
            // With --secure-boot, signed, for the plain-Linux entry under Secure Boot.
            Kernel = secureBoot is null
                ? Path.Combine(kernel, KernelImage.Image)
                : Path.Combine(secureBoot, SecureBoot.SignedKernel),
            KernelConfig = Path.Combine(kernel, KernelImage.Config),
            Xen = Path.Combine(HypervisorImage.DirectoryOf(context), HypervisorImage.Image),
            Initrd = Path.Combine(new Initrd().OutputOf(context).Path, Initrd.Image),
            BootLoaderTree = Path.Combine(bootLoader, BootLoader.CdTree),
            SecureBootTree = secureBoot is null
                ? null
                : Path.Combine(secureBoot, SecureBoot.CdTree),
            XenEfi = secureBoot is null ? null : Path.Combine(secureBoot, SecureBoot.StrippedXen),
            HybridMbr = Path.Combine(bootLoader, BootLoader.HybridMbr),
            RootTarball = Path.Combine(
                new RootTarball().OutputOf(context).Path,
                RootTarball.Archive
            ),
            BuildSystemRoot = context.Paths.Root,
            BuildSystemFiles = BuildSystemFiles.List(context.Paths.Root),
            VersionId = context.Settings.VersionId,
            Builder = context.Settings.Builder,
            SettingsJson = new CdBuildSettings(
                context.Settings.SourceDateEpoch,
                context.Settings.VersionId,
                context.Settings.Builder,
                context.Settings.KernelRecord,
                context.Settings.HypervisorRecord,
                release,
                string.Join(",", context.Settings.Profiles),
                context.Settings.SecureBoot
            ).ToJson(),
            Time = context.Settings.SourceDate,
        };
        var tree = CdImage.Tree(content);
        if (BenchKernelTree.Wanted(context))
        {
            CdTree.AddBuildFile(
                tree,
                BenchKernelTree.CdPath,
                Path.Combine(new BenchKernelTree().OutputOf(context).Path, BenchKernelTree.Archive),
                context.Settings.SourceDate
            );
        }
        if (context.Settings.WithSources)
        {
            await CdSources.AddAsync(
                tree,
                context.Paths.Packages,
                context.ToolsFor(Name),
                context.Settings.Hypervisor == ImageOrigin.Compiled
                    ? HypervisorSource.PinFile(context)
                    : null,
                context.Settings.Kernel == ImageOrigin.Compiled
                    ? KernelSource.PinFile(context)
                    : null,
                context.Settings.SourceDate,
                context.Settings.VersionId
            );
        }

        var (compressed, bytes) = ZisofsRules.Load(ZisofsFile(context)).Apply(tree);
        Log.Information(
            "zisofs: {Files:N0} files ({MiB:N0} MiB) stored compressed, the rest plain (usr-layout/zisofs.conf)",
            compressed,
            bytes >> 20
        );

        var iso = Path.Combine(output, IsoName(context));
        long size;
        using (var progress = new StepProgress($"Writing {IsoName(context)}", ProgressUnit.Bytes))
        {
            size = CdImage.Write(
                tree,
                content,
                iso,
                new InlineProgress<IsoWriteProgress>(p =>
                    progress.Report(p.BytesWritten, p.TotalBytes)
                ),
                context.Cancellation
            );
        }
        var sum = FileDigest.Sha256Of(iso);
        File.WriteAllText(iso + ".sha256", $"{sum}  {IsoName(context)}\n");
        Log.Information(
            "{Iso}: {Size:N0} bytes ({MiB:N0} MiB), sha256 {Sum}",
            IsoName(context),
            size,
            size >> 20,
            sum
        );
    }

    protected override void Publish(BuildContext context, string output)
    {
        // Links of earlier versions point at outputs that no longer exist.
        foreach (var stale in Directory.GetFiles(context.Paths.Out, "xendemo-*.iso*"))
        {
            if (new FileInfo(stale).LinkTarget is not null)
            {
                File.Delete(stale);
            }
        }
        foreach (var name in new[] { IsoName(context), IsoName(context) + ".sha256" })
        {
            var link = Path.Combine(context.Paths.Out, name);
            File.Delete(link);
            File.CreateSymbolicLink(
                link,
                Path.GetRelativePath(context.Paths.Out, Path.Combine(output, name))
            );
        }
        // The ISO and its .sha256 were flushed when the stage committed; the links are names in out/.
        IO.Fsync.Instance.Directory(context.Paths.Out);
        Log.Information("ISO: {Iso}", PublishedIso(context));
    }
}
