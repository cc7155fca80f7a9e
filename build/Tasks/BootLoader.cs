using System.Globalization;
using Serilog;
using XenDemoCD.Build.Cd;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// GRUB for the CD: the menu from <c>grub/</c>, the BIOS El Torito image, <c>BOOTX64.EFI</c> in a
/// FAT ESP image (made reproducible: fixed serial and dates), GRUB's modules for both platforms,
/// and <c>boot_hybrid.img</c>, the MBR that lets the ISO boot from a USB stick. Output: a
/// <c>cd/</c> tree that goes onto the CD as it is, and the MBR template beside it; with
/// <c>--secure-boot</c> also GRUB's UEFI image for shim (unsigned, with <c>grub/sbat.csv</c>),
/// which <see cref="SecureBoot"/> signs. GRUB itself
/// comes from the CD's own Debian root (<see cref="RootGrub"/>), not from the build host.
/// </summary>
[TaskName(nameof(BootLoader))]
[TaskDescription("Makes GRUB's BIOS and UEFI boot images and the menu from grub/")]
[IsDependentOn(typeof(RootBootstrap))]
public sealed class BootLoader : StageTask
{
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [
            new(
                context.Paths.InRoot("grub", "grub.cfg.in"),
                () =>
                    GrubMenu.Check(
                        context.Paths.InRoot("grub", "grub.cfg.in"),
                        context.Paths.InRoot("grub", "menu.json"),
                        GrubMenu.BuildValueNames
                    )
            ),
        ];

    public const string CdTree = "cd";
    public const string HybridMbr = "boot_hybrid.img";

    /// <summary>With <c>--secure-boot</c>: GRUB's UEFI image for shim, unsigned, beside the tree.</summary>
    public const string EfiImage = "grubx64.efi";

    /// <summary>The SBAT (revocation generations) built into the UEFI image, which shim checks.</summary>
    public static string SbatOf(BuildContext context) => context.Paths.InRoot("grub", "sbat.csv");

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [HostTools.MkfsFat, HostTools.Mcopy];

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        // GRUB's files come from the base root, so its manifest (the package versions) is an input.
        await AddUpstreamAsync<RootBootstrap>(context, manifest);
        manifest.AddTree("grub", context.Paths.InRoot("grub"));
        manifest.Add("version-id", context.Settings.VersionId);
        if (context.Settings.SecureBoot)
        {
            // Only then: a CD without it keeps the outputs it had.
            manifest.Add("secure-boot", "yes");
        }
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
        manifest.Add("mtools", DebianPackageVersion.Of("mtools"));
        manifest.Add("dosfstools", DebianPackageVersion.Of("dosfstools"));
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var cd = Path.Combine(output, CdTree);
        var scratch = Directory.CreateDirectory(Path.Combine(output, "scratch")).FullName;
        var root = RootGrub.Extract(
            // The path, not RootBootstrap itself: its code is not BootLoader's (its manifest is an input).
            Path.Combine(context.Paths.StageOutput(nameof(RootBootstrap)), RootBootstrap.Archive),
            Path.Combine(scratch, "root")
        );
        var menu = GrubMenu.Render(
            context.Paths.InRoot("grub", "grub.cfg.in"),
            context.Paths.InRoot("grub", "menu.json"),
            new Dictionary<string, string> { ["XENDEMO_VERSION"] = context.Settings.VersionId }
        );

        await new GrubImages(context.ToolsFor(Name), root, context.Settings.SourceDate).MakeAsync(
            cd,
            Path.Combine(output, HybridMbr),
            menu,
            scratch,
            context.Settings.SecureBoot ? (Path.Combine(output, EfiImage), SbatOf(context)) : null
        );

        Directory.Delete(scratch, recursive: true);
        Log.Information(
            "GRUB: BIOS image {Bios:N0} bytes, EFI {Efi:N0} bytes, ESP image {Esp:N0} bytes",
            new FileInfo(Path.Combine(cd, CdLayout.BiosBootImage)).Length,
            new FileInfo(Path.Combine(cd, CdLayout.EfiLoader)).Length,
            new FileInfo(Path.Combine(cd, CdLayout.EfiBootImage)).Length
        );
    }
}
