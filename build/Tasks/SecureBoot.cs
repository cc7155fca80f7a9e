using System.Globalization;
using Serilog;
using XenDemoCD.Build.Cd;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.SecureBoot;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// With <c>--secure-boot</c> (README "Secure Boot"), the CD's UEFI boot chain for Secure Boot
/// on and off: Debian's Microsoft-signed
/// shim as <c>\EFI\BOOT\BOOTX64.EFI</c>, MokManager beside it, our GRUB signed with the build's
/// key as shim's second stage, our signed launcher (<see cref="XenLauncher"/>) that GRUB's
/// Secure Boot entries start, and Xen as one signed unified image (<see cref="UnifiedXen"/>:
/// Xen, <c>grub/xen.cfg.in</c> rendered, dom0's kernel and the initrd). The kernel is signed in
/// place too, for the plain-Linux entry. Output: a <c>cd/</c> tree with <c>EFI/</c> and the ESP
/// image (<c>boot/grub/efi.img</c>), the signed kernel beside it. The key is the user's
/// (<c>--signing-key</c>, <c>--signing-cert</c>) or the build's demo key from the cache; only its
/// certificate reaches the CD (<c>/EFI/xendemo.cer</c>, and in the ESP for MokManager).
/// </summary>
[TaskName(nameof(SecureBoot))]
[TaskDescription(
    "Signs GRUB, a unified xen.efi and the kernel with the build's key; shim, MokManager and GRUB in the ESP image"
)]
[IsDependentOn(typeof(HypervisorImage))]
[IsDependentOn(typeof(KernelImage))]
[IsDependentOn(typeof(Initrd))]
[IsDependentOn(typeof(BootLoader))]
public sealed class SecureBoot : StageTask, IFetchesPinnedPackages
{
    public const string CdTree = "cd";

    /// <summary>The kernel signed for the Secure Boot path; the CD's <c>/boot/vmlinuz</c>.</summary>
    public const string SignedKernel = "vmlinuz";

    public const string XenConfig = "xen.cfg";

    /// <summary>xen.efi without debug sections: the CD's <c>/boot/xen.efi</c>.</summary>
    public const string StrippedXen = "xen.efi";

    private static string ShimPin(BuildContext context) =>
        context.Paths.InRoot("secureboot", "shim.json");

    private static string MokManagerPin(BuildContext context) =>
        context.Paths.InRoot("secureboot", "mokmanager.json");

    private static string XenConfigTemplate(BuildContext context) =>
        context.Paths.InRoot("grub", "xen.cfg.in");

    private static string MenuValues(BuildContext context) =>
        context.Paths.InRoot("grub", "menu.json");

    /// <summary>The demo key's directory in the cache: outside the checkout, never on the CD.</summary>
    public static string DemoKeyDirectory(BuildContext context) =>
        Path.Combine(context.Paths.Cache, "secureboot");

    /// <summary>The key this build signs with (made the first time for the demo key).</summary>
    public static SigningKey KeyOf(BuildContext context) =>
        context.Settings.SigningPair is { } pair
            ? SigningKey.Load(pair.Key, pair.Certificate)
            : SigningKey.Demo(DemoKeyDirectory(context));

    public override RunDecision ShouldRun(BuildContext context) =>
        context.Settings.SecureBoot
            ? RunDecision.Run()
            : RunDecision.Skip("no --secure-boot: the CD boots UEFI with GRUB alone");

    public IEnumerable<string> PinFiles(BuildContext context) =>
        context.Settings.SecureBoot ? [ShimPin(context), MokManagerPin(context)] : [];

    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [
            new(ShimPin(context), () => DebianBinaryPin.Load(ShimPin(context))),
            new(MokManagerPin(context), () => DebianBinaryPin.Load(MokManagerPin(context))),
            new(
                XenConfigTemplate(context),
                () =>
                    GrubMenu.Check(
                        XenConfigTemplate(context),
                        MenuValues(context),
                        GrubMenu.BuildValueNames,
                        everyValueUsed: false
                    )
            ),
            new(BootLoader.SbatOf(context), () => GrubSbat.Check(BootLoader.SbatOf(context))),
            .. context.Settings.SigningPair is { } pair
                ? new[]
                {
                    new InputCheck(pair.Key, () => SigningKey.Load(pair.Key, pair.Certificate)),
                }
                : [],
        ];

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [
            HostTools.AptGet,
            HostTools.Objcopy,
            HostTools.Osslsigncode,
            HostTools.MkfsFat,
            HostTools.Mcopy,
            HostTools.Gcc,
            HostTools.Ld,
            XenLauncher.GnuEfi,
        ];

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile("secureboot/shim.json", ShimPin(context));
        manifest.AddFile("secureboot/mokmanager.json", MokManagerPin(context));
        manifest.AddFile("grub/xen.cfg.in", XenConfigTemplate(context));
        manifest.AddFile(XenLauncher.Source, context.Paths.InRoot(XenLauncher.Source));
        manifest.AddFile("grub/menu.json", MenuValues(context));
        // The certificate names the key: another key, another certificate. The key itself
        // never enters a manifest or a log.
        manifest.Add(
            "signing certificate sha256",
            context.DryRun && context.Settings.SigningPair is null
                // A dry run changes nothing: a demo key not made yet differs from any.
                ? SigningKey.ExistingDemoFingerprint(DemoKeyDirectory(context))
                    ?? "the demo key, not made yet"
                : KeyOf(context).Fingerprint
        );
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
        manifest.Add("version-id", context.Settings.VersionId);
        manifest.Add("osslsigncode", DebianPackageVersion.Of("osslsigncode"));
        manifest.Add("binutils", DebianPackageVersion.Of("binutils"));
        manifest.Add("gcc", DebianPackageVersion.Of("gcc"));
        manifest.Add("gnu-efi", DebianPackageVersion.Of("gnu-efi"));
        manifest.Add("mtools", DebianPackageVersion.Of("mtools"));
        manifest.Add("dosfstools", DebianPackageVersion.Of("dosfstools"));
        await AddUpstreamAsync<Initrd>(context, manifest);
        await AddUpstreamAsync<BootLoader>(context, manifest);
        await KernelImage.AddToManifestAsync(context, manifest);
        await HypervisorImage.AddToManifestAsync(context, manifest);
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var tools = context.ToolsFor(Name);
        var time = context.Settings.SourceDate;
        var key = KeyOf(context);
        var signer = new AuthenticodeSigner(tools, key, time);
        var work = Directory.CreateDirectory(Path.Combine(output, "scratch")).FullName;
        var cd = Path.Combine(output, CdTree);
        string InCd(string path)
        {
            var file = Path.Combine(cd, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return file;
        }

        var kernel = Path.Combine(KernelImage.DirectoryOf(context), KernelImage.Image);
        var initrd = Path.Combine(new Initrd().OutputOf(context).Path, Initrd.Image);
        // Signed in place: the same kernel boots every entry, and the unified image carries
        // these bytes too, so that a rebuild of the unpacked CD, whose kernel is this one,
        // makes the same image (signing a signed image gives the bytes of its first signing).
        var signedKernel = Path.Combine(output, SignedKernel);
        await signer.SignAsync(kernel, signedKernel);

        var config = Path.Combine(output, XenConfig);
        await File.WriteAllTextAsync(
            config,
            GrubMenu.Render(
                XenConfigTemplate(context),
                MenuValues(context),
                new Dictionary<string, string> { ["XENDEMO_VERSION"] = context.Settings.VersionId },
                everyValueUsed: false
            )
        );
        var xenEfi = HypervisorImage.EfiOf(context);
        var unified = Path.Combine(work, "xen-unified.efi");
        await new UnifiedXen(tools, time).MakeAsync(
            xenEfi,
            config,
            signedKernel,
            initrd,
            Path.Combine(output, StrippedXen),
            unified
        );
        var signedXen = Path.Combine(work, "xen.efi");
        await signer.SignAsync(unified, signedXen);
        var launcher = Path.Combine(work, "xen-launcher.efi");
        await new XenLauncher(tools, time).MakeAsync(
            context.Paths.InRoot(XenLauncher.Source),
            context.Settings.VersionId,
            work,
            launcher
        );
        var signedLauncher = Path.Combine(work, "xen-launcher.signed.efi");
        await signer.SignAsync(launcher, signedLauncher);

        var bootLoader = new BootLoader().OutputOf(context).Path;
        await signer.SignAsync(
            Path.Combine(bootLoader, BootLoader.EfiImage),
            InCd(CdLayout.EfiGrub)
        );
        await ExtractAsync(
            context,
            ShimPin(context),
            "usr/lib/shim/shimx64.efi.signed",
            InCd(CdLayout.EfiLoader)
        );
        await ExtractAsync(
            context,
            MokManagerPin(context),
            "usr/lib/shim/mmx64.efi.signed",
            InCd(CdLayout.EfiMokManager)
        );
        await File.WriteAllBytesAsync(InCd(CdLayout.Certificate), key.Certificate.RawData);
        await File.WriteAllTextAsync(
            InCd(CdLayout.CertificatePem),
            key.Certificate.ExportCertificatePem() + "\n"
        );

        // The ESP: what the firmware, shim, MokManager and Xen read. xen.efi lives only there:
        // Xen's EFI loader opens the filesystem it was started from, even with everything it
        // needs inside the image, and firmware reads FAT, not ISO 9660 ("Couldn't obtain the
        // File System Protocol Interface" when GRUB started it from the CD's ISO side). GRUB
        // hands a chainloaded image the whole CD even then, so the launcher beside it starts
        // Xen by a path into this filesystem.
        var espCertificate = Path.Combine(work, "xendemo.cer");
        File.Copy(InCd(CdLayout.Certificate), espCertificate);
        await new EspImage(tools, time).MakeAsync(
            InCd(CdLayout.EfiBootImage),
            [
                (CdLayout.EfiLoader, InCd(CdLayout.EfiLoader)),
                (CdLayout.EfiGrub, InCd(CdLayout.EfiGrub)),
                (CdLayout.EfiMokManager, InCd(CdLayout.EfiMokManager)),
                (CdLayout.EspCertificate, espCertificate),
                (CdLayout.UnifiedXen, signedXen),
                (CdLayout.XenLauncher, signedLauncher),
            ]
        );
        foreach (var file in Directory.GetFiles(cd, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, time.UtcDateTime);
        }
        Log.Information(
            "Secure Boot: signed with {Subject} (certificate sha256 {Fingerprint}{Demo}); xen.efi {Xen:N0} bytes (Xen, dom0's kernel, initrd), ESP image {Esp:N0} bytes",
            key.Certificate.Subject,
            key.Fingerprint,
            context.Settings.SigningPair is null
                ? ", the build's demo key in " + DemoKeyDirectory(context)
                : "",
            new FileInfo(signedXen).Length,
            new FileInfo(InCd(CdLayout.EfiBootImage)).Length
        );
        Directory.Delete(work, recursive: true);
    }

    /// <summary>Copies <paramref name="member"/> of the pinned package to <paramref name="target"/>.</summary>
    private async Task ExtractAsync(
        BuildContext context,
        string pinFile,
        string member,
        string target
    )
    {
        var pin = DebianBinaryPin.Load(pinFile);
        var package = new DebianBinaryPackage(
            await new DebianBinaryFetcher(
                context.Paths.Packages,
                context.ToolsFor(Name)
            ).FetchAsync(pin, pinFile)
        );
        var directory = Path.Combine(Path.GetDirectoryName(target)!, ".extract");
        package.Extract(directory, name => name == member ? Path.GetFileName(member) : null);
        var extracted = Path.Combine(directory, Path.GetFileName(member));
        if (!File.Exists(extracted))
        {
            throw new InputFileException(
                pinFile,
                $"{package.Path} holds no {member}",
                $"pin a {pin.Package} version that ships {member}"
            );
        }
        File.Move(extracted, target, overwrite: true);
        Directory.Delete(directory, recursive: true);
    }
}
