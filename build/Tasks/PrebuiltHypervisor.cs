using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Unpacking;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// <c>--hypervisor=prebuilt</c> (the default in an unpacked CD): the CD's own <c>xen.gz</c> from
/// <c>prebuilt/</c>, used in place; the stage records its hash.
/// </summary>
[TaskName(nameof(PrebuiltHypervisor))]
[TaskDescription("--hypervisor=prebuilt: the unpacked CD's xen.gz (prebuilt/)")]
public sealed class PrebuiltHypervisor : StageTask
{
    public static string DirectoryOf(BuildContext context) =>
        context.Paths.InRoot(UnpackedLayout.PrebuiltDirectory);

    public override RunDecision ShouldRun(BuildContext context) =>
        OriginChoice.ForHypervisor(context, ImageOrigin.Prebuilt);

    protected override Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile(
            "prebuilt/" + HypervisorImage.Image,
            Path.Combine(DirectoryOf(context), HypervisorImage.Image)
        );
        // A CD from before the Secure Boot path has none; SecureBoot then says so.
        var efi = Path.Combine(DirectoryOf(context), HypervisorImage.Efi);
        if (File.Exists(efi))
        {
            manifest.AddFile("prebuilt/" + HypervisorImage.Efi, efi);
        }
        return Task.CompletedTask;
    }

    protected override Task BuildAsync(BuildContext context, string output)
    {
        var image = Path.Combine(DirectoryOf(context), HypervisorImage.Image);
        if (!File.Exists(image))
        {
            throw new InputFileException(
                image,
                "is missing",
                "unpack the CD again, or build Xen with --hypervisor=compiled or --hypervisor=debian"
            );
        }
        Log.Information("Using the CD's hypervisor {Image}", image);
        File.WriteAllText(Path.Combine(output, "source"), image + "\n");
        return Task.CompletedTask;
    }
}
