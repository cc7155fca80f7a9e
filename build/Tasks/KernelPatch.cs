using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Linux;
using XenDemoCD.Build.Patching;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The Linux tree the kernel is compiled from: <see cref="KernelSource"/>'s tree (hard-linked,
/// not copied) with <c>xenolinux-patches/series</c> applied in order. A patch that does not
/// apply stops the build naming the patch and the failing hunk.
/// </summary>
[TaskName(nameof(KernelPatch))]
[TaskDescription("Applies xenolinux-patches/series to the Linux tree")]
[IsDependentOn(typeof(KernelSource))]
public sealed class KernelPatch : StageTask
{
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [new(SeriesFile(context), () => PatchSeries.FromSeriesFile(SeriesFile(context)))];

    public const string SourceDirectory = "source";

    /// <summary>Which files the series changed, so a later run can tell make about reverted ones.</summary>
    public const string PatchedFilesList = "patched-files";

    public static string SeriesFile(BuildContext context) =>
        context.Paths.InRoot("xenolinux-patches", "series");

    public override RunDecision ShouldRun(BuildContext context) => Kernel.CompiledOrSkip(context);

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) => [HostTools.Patch];

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        await AddUpstreamAsync<KernelSource>(context, manifest);
        manifest.AddFile("xenolinux-patches/series", SeriesFile(context));
        foreach (var patch in PatchSeries.FromSeriesFile(SeriesFile(context)).Patches)
        {
            manifest.AddFile($"xenolinux-patches/{Path.GetFileName(patch)}", patch);
        }
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var pristine = Path.Combine(
            new KernelSource().OutputOf(context).Path,
            KernelSource.SourceDirectory
        );
        var source = Path.Combine(output, SourceDirectory);
        var series = PatchSeries.FromSeriesFile(SeriesFile(context));
        var files = HardLinkTree.Create(pristine, source);
        Log.Information("Linked {Files:N0} files of the pristine tree", files);

        var patched = series.Patches.SelectMany(PatchTargets.Of).ToHashSet(StringComparer.Ordinal);
        foreach (var file in patched)
        {
            HardLinkTree.Detach(Path.Combine(source, file));
        }
        await series.ApplyAsync(source, context.ToolsFor(Name), Name);

        // A file an earlier series changed and this one does not is back to the pristine file,
        // whose time is older than the objects made from the patched one: make would keep them.
        // A fresh time makes it rebuild what depends on it.
        foreach (var reverted in PreviouslyPatched(context).Except(patched))
        {
            var path = Path.Combine(source, reverted);
            if (File.Exists(path))
            {
                HardLinkTree.Detach(path);
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
                Log.Information("{File} is no longer patched; marked changed for make", reverted);
            }
        }
        File.WriteAllLines(
            Path.Combine(output, PatchedFilesList),
            patched.Order(StringComparer.Ordinal)
        );
        Log.Information(
            "Applied {Count} patch(es) of {Series}, changing {Files} file(s)",
            series.Patches.Count,
            SeriesFile(context),
            patched.Count
        );
    }

    private IEnumerable<string> PreviouslyPatched(BuildContext context)
    {
        var list = Path.Combine(OutputOf(context).Path, PatchedFilesList);
        return File.Exists(list) ? File.ReadAllLines(list) : [];
    }
}
