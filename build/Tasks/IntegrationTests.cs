using XenDemoCD.Build.Host;
using XenDemoCD.Build.Testing;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The integration tier: the xunit tests that fetch from the archive, compile Xen, bootstrap a
/// root, build whole CDs or boot in QEMU. When this run built the kernel (under Test, which
/// builds the CD first), the kernel boot tests get its images and must run: a missing image is
/// a failure there, not a skip.
/// </summary>
[TaskName(nameof(IntegrationTests))]
[TaskDescription(
    "The integration xunit tests: fetches, the Xen compile, bootstraps, whole CDs, QEMU boots"
)]
[IsDependentOn(typeof(Prerequisites))]
public sealed class IntegrationTests : BuildTask<BuildContext>
{
    /// <summary>The compiled kernel and the CD's Xen that the kernel boot tests must boot.</summary>
    public const string KernelVariable = "XENDEMOCD_TEST_KERNEL";
    public const string XenVariable = "XENDEMOCD_TEST_XEN";

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [
            HostTools.Dotnet,
            // HypervisorBuildTests compile the hypervisor for real.
            HostTools.AptGet,
            HostTools.DpkgSource,
            HostTools.Patch,
            .. HostTools.XenCompile,
            HostTools.GrubFile,
            HostTools.Qemu,
            .. UnitTests.ListedPackages(context).Select(HostTool.Package),
        ];

    public override Task RunAsync(BuildContext context) =>
        TestTier.Integration.RunAsync(
            context.ToolsFor(nameof(IntegrationTests)),
            UnitTests.SetupFor(context, nameof(IntegrationTests)),
            BuiltImages(context)
        );

    private static Dictionary<string, string> BuiltImages(BuildContext context)
    {
        var images = new Dictionary<string, string>();
        var planned = context.Plan.Tasks.Select(t => t.GetType()).ToHashSet();
        if (
            context.Settings.Kernel == ImageOrigin.Compiled
            && planned.Contains(typeof(KernelImage))
            && planned.Contains(typeof(HypervisorImage))
        )
        {
            images[KernelVariable] = Path.Combine(
                KernelImage.DirectoryOf(context),
                KernelImage.Image
            );
            images[XenVariable] = Path.Combine(
                HypervisorImage.DirectoryOf(context),
                HypervisorImage.Image
            );
        }
        return images;
    }
}
