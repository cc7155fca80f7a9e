using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Stages;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The hypervisor the CD boots, whichever way it was made: <see cref="Hypervisor"/>'s output
/// (<c>--hypervisor=compiled</c>) or <see cref="DebianHypervisor"/>'s (<c>--hypervisor=debian</c>).
/// Both hold <c>xen.gz</c> and <c>xen.config</c> (the compiled one also <c>xen-syms</c>); later
/// stages depend on this task and read <see cref="DirectoryOf"/>. It copies nothing.
/// </summary>
[TaskName(nameof(HypervisorImage))]
[TaskDescription(
    "The hypervisor the CD boots: compiled (Hypervisor) or Debian's (DebianHypervisor), per --hypervisor"
)]
[IsDependentOn(typeof(Hypervisor))]
[IsDependentOn(typeof(DebianHypervisor))]
[IsDependentOn(typeof(PrebuiltHypervisor))]
public sealed class HypervisorImage : BuildTask<BuildContext>
{
    public const string Image = Hypervisor.Image;
    public const string Config = "xen.config";

    /// <summary>Xen as an EFI application, which <see cref="SecureBoot"/> makes its unified image of.</summary>
    public const string Efi = "xen.efi";

    /// <summary>The chosen stage's <c>xen.efi</c>.</summary>
    public static string EfiOf(BuildContext context)
    {
        var efi = Path.Combine(DirectoryOf(context), Efi);
        if (!File.Exists(efi))
        {
            throw new InvalidOperationException(
                context.Settings.Hypervisor == ImageOrigin.Prebuilt
                    ? $"{efi} is missing: the unpacked CD predates its Secure Boot path (no /boot/xen.efi); build Xen with --hypervisor=debian or --hypervisor=compiled"
                    : $"{StageOf(context).Name} left no {efi}, which --secure-boot needs (Xen's build makes it only when the linker writes PE/COFF: x86_64 binutils with the i386pep emulation, as Debian's has); rebuild it with --force={StageOf(context).Name}, or build without --secure-boot."
            );
        }
        return efi;
    }

    public static StageTask StageOf(BuildContext context) =>
        context.Settings.Hypervisor switch
        {
            ImageOrigin.Compiled => new Hypervisor(),
            ImageOrigin.Prebuilt => new PrebuiltHypervisor(),
            _ => new DebianHypervisor(),
        };

    public static string DirectoryOf(BuildContext context) =>
        context.Settings.Hypervisor == ImageOrigin.Prebuilt
            ? PrebuiltHypervisor.DirectoryOf(context)
            : StageOf(context).OutputOf(context).Path;

    /// <summary>The chosen hypervisor stage's manifest, as an input of a later stage.</summary>
    public static async Task AddToManifestAsync(BuildContext context, StageManifest manifest)
    {
        var stage = StageOf(context);
        manifest.AddUpstream(
            stage.Name,
            await context.ManifestOfAsync(stage).ConfigureAwait(false)
        );
    }

    public override void Run(BuildContext context)
    {
        var image = Path.Combine(DirectoryOf(context), Image);
        if (!File.Exists(image))
        {
            throw new InvalidOperationException(
                $"{StageOf(context).Name} left no {image}; rebuild it with --force={StageOf(context).Name}."
            );
        }
        Log.Information("Xen from {Stage}: {Image}", StageOf(context).Name, image);
        context.Outcomes.Note(nameof(HypervisorImage), StageOf(context).Name);
    }

    public override string Explain(BuildContext context) =>
        $"would use the hypervisor of {StageOf(context).Name} (--hypervisor={context.Settings.Hypervisor.ToString().ToLowerInvariant()})";
}
