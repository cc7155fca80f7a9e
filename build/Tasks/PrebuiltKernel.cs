using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Unpacking;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// <c>--kernel=prebuilt</c> (the default in an unpacked CD): the CD's own kernel, config and
/// modules from <c>prebuilt/</c>, already in <see cref="KernelImage"/>'s layout (Unpack wrote
/// it so), used in place: nothing is copied. The stage only records their hashes, so a changed
/// file in prebuilt/ rebuilds what depends on it. The CD has no System.map.
/// </summary>
[TaskName(nameof(PrebuiltKernel))]
[TaskDescription("--kernel=prebuilt: the unpacked CD's kernel and modules (prebuilt/)")]
public sealed class PrebuiltKernel : StageTask
{
    public static string DirectoryOf(BuildContext context) =>
        context.Paths.InRoot(UnpackedLayout.PrebuiltDirectory);

    public override RunDecision ShouldRun(BuildContext context) =>
        OriginChoice.ForKernel(context, ImageOrigin.Prebuilt);

    protected override Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        var directory = DirectoryOf(context);
        foreach (
            var file in new[] { KernelImage.Image, KernelImage.Config, KernelImage.ReleaseFile }
        )
        {
            manifest.AddFile("prebuilt/" + file, Path.Combine(directory, file));
        }
        manifest.AddTree("prebuilt/modules", Path.Combine(directory, KernelImage.ModulesDirectory));
        return Task.CompletedTask;
    }

    protected override Task BuildAsync(BuildContext context, string output)
    {
        var directory = DirectoryOf(context);
        if (
            !File.Exists(Path.Combine(directory, KernelImage.Image))
            || !File.Exists(Path.Combine(directory, KernelImage.ReleaseFile))
        )
        {
            throw new InputFileException(
                directory,
                "holds no vmlinuz or release file",
                "unpack the CD again, or build the kernel with --kernel=compiled or --kernel=debian"
            );
        }
        Log.Information(
            "Using the CD's kernel {Release} from {Directory}",
            KernelImage.ReleaseOf(context),
            directory
        );
        File.WriteAllText(Path.Combine(output, "source"), directory + "\n");
        return Task.CompletedTask;
    }
}
