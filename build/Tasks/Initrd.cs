using System.IO.Compression;
using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Initrd;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;
using XenDemoCD.Cpio;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// <c>initrd.img</c>: the initramfs the kernel starts <c>/linuxrc</c> from. The <c>irtree/</c>
/// files, Debian's static busybox with a link per applet, and, for a modular kernel, the drivers
/// that reach the CD; packed by our cpio writer (newc, sorted, owners 0:0, one mtime) and
/// gzip-compressed, so the same inputs give the same bytes.
/// </summary>
[TaskName(nameof(Initrd))]
[TaskDescription("Builds the initrd: irtree/ (linuxrc), busybox, the kernel's CD drivers")]
[IsDependentOn(typeof(KernelImage))]
public sealed class Initrd : StageTask, IFetchesPinnedPackages
{
    public IEnumerable<string> PinFiles(BuildContext context) =>
        [Path.Combine(IrTreeOf(context), IrTree.BusyboxPin)];

    public override IEnumerable<InputCheck> InputChecks(BuildContext context)
    {
        var irtree = IrTreeOf(context);
        return
        [
            new(Path.Combine(irtree, IrTree.Linuxrc), () => IrTree.CheckLinuxrc(irtree)),
            new(
                Path.Combine(irtree, IrTree.ModuleList),
                () => InitrdModules.ReadList(Path.Combine(irtree, IrTree.ModuleList))
            ),
            new(
                Path.Combine(irtree, IrTree.BusyboxPin),
                () => DebianBinaryPin.Load(Path.Combine(irtree, IrTree.BusyboxPin))
            ),
        ];
    }

    public const string Image = "initrd.img";

    /// <summary>A listing of the image, like <c>cpio -tv</c>, for people and diffs.</summary>
    public const string Listing = "initrd.txt";

    private static string IrTreeOf(BuildContext context) => context.Paths.InRoot("irtree");

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) => [HostTools.AptGet];

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddTree("irtree", IrTreeOf(context));
        manifest.AddFile("irtree/busybox.json", Path.Combine(IrTreeOf(context), IrTree.BusyboxPin));
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            )
        );
        await KernelImage.AddToManifestAsync(context, manifest);
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var irtree = IrTreeOf(context);
        var archive = new CpioArchiveBuilder();
        IrTree.AddTo(archive, irtree);

        var busybox = await FetchBusyboxAsync(context, irtree);
        var applets = BusyboxApplets.Parse(
            await context
                .ToolsFor(Name)
                .CaptureAsync(
                    new HostTool(busybox, "busybox-static"),
                    c => c.WithArguments(["--list-full"])
                )
        );
        var links = BusyboxApplets.AddTo(
            archive,
            busybox,
            applets,
            Path.Combine(irtree, IrTree.BusyboxPin)
        );

        var release = KernelImage.ReleaseOf(context);
        var index = KernelModuleIndex.Load(
            KernelImage.ModulesOf(KernelImage.DirectoryOf(context), release)
        );
        var modules = InitrdModules.Select(Path.Combine(irtree, IrTree.ModuleList), index);
        modules.AddTo(archive, index, release);

        var image = Path.Combine(output, Image);
        long cpioLength;
        await using (var file = File.Create(image))
        await using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            cpioLength = archive.WriteTo(gzip, context.Settings.SourceDate);
        }
        await File.WriteAllTextAsync(
            Path.Combine(output, Listing),
            InitrdListing.Of(image),
            context.Cancellation
        );
        Log.Information(
            "{Image}: {Size:N0} bytes (cpio {Cpio:N0}): {Entries} entries, busybox with {Links} applet links, {Modules} modules for Linux {Release} ({Load} loaded by linuxrc)",
            Image,
            new FileInfo(image).Length,
            cpioLength,
            archive.Count,
            links,
            modules.Files.Count,
            release,
            modules.Load.Count
        );
    }

    private static readonly string[] PackagedBinaries = ["usr/bin/busybox", "bin/busybox"];

    /// <summary>The pinned busybox-static's busybox, extracted into the stage's work directory.</summary>
    private async Task<string> FetchBusyboxAsync(BuildContext context, string irtree)
    {
        var pinFile = Path.Combine(irtree, IrTree.BusyboxPin);
        var pin = DebianBinaryPin.Load(pinFile);
        var deb = await new DebianBinaryFetcher(
            context.Paths.Packages,
            context.ToolsFor(Name)
        ).FetchAsync(pin, pinFile);
        var work = context.Paths.StageWork(Name);
        Directory.CreateDirectory(work);
        var busybox = Path.Combine(work, "busybox");
        var package = new DebianBinaryPackage(deb);
        // /usr/bin/busybox since trixie (merged /usr), /bin/busybox before.
        var names = package.List();
        var inPackage =
            PackagedBinaries.FirstOrDefault(names.Contains)
            ?? throw new InputFileException(
                pinFile,
                $"{Path.GetFileName(deb)} holds no {string.Join(" or ", PackagedBinaries.Select(n => "/" + n))}",
                "pin Debian's busybox-static package"
            );
        package.ReadFile(
            inPackage,
            data =>
            {
                using var file = File.Create(busybox);
                data.CopyTo(file);
                return 0;
            }
        );
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(busybox, (UnixFileMode)0b111_101_101);
        }
        return busybox;
    }
}
