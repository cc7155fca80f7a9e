using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// <c>--kernel=debian</c>: Debian's own kernel (<c>xenolinux-patches/debian-kernel.json</c> pins
/// the image package <c>linux-image-amd64</c> points to) instead of compiling. Unpacked
/// in-process into <see cref="KernelImage"/>'s layout, with depmod's indexes made (the package
/// leaves them to its install script).
/// </summary>
[TaskName(nameof(DebianKernel))]
[TaskDescription("--kernel=debian: fetches Debian's linux-image package and unpacks it")]
[IsDependentOn(typeof(Prerequisites))]
public sealed class DebianKernel : StageTask, IFetchesPinnedPackages
{
    public IEnumerable<string> PinFiles(BuildContext context) => [PinFile(context)];

    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [new(PinFile(context), () => DebianBinaryPin.Load(PinFile(context)))];

    public static string PinFile(BuildContext context) =>
        context.Paths.InRoot("xenolinux-patches", "debian-kernel.json");

    public override RunDecision ShouldRun(BuildContext context) =>
        OriginChoice.ForKernel(context, ImageOrigin.Debian);

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [HostTools.AptGet, HostTools.Depmod];

    protected override Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile("xenolinux-patches/debian-kernel.json", PinFile(context));
        return Task.CompletedTask;
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var pinFile = PinFile(context);
        var pin = DebianBinaryPin.Load(pinFile);
        var tools = context.ToolsFor(Name);
        var package = new DebianBinaryPackage(
            await new DebianBinaryFetcher(context.Paths.Packages, tools).FetchAsync(pin, pinFile)
        );
        var release = ReleaseIn(package, pinFile);
        var entries = package.Extract(
            output,
            name => Destination(name, release),
            context.Cancellation
        );
        File.WriteAllText(Path.Combine(output, KernelImage.ReleaseFile), release + "\n");
        foreach (var file in new[] { KernelImage.Image, KernelImage.Config, KernelImage.SystemMap })
        {
            if (!File.Exists(Path.Combine(output, file)))
            {
                throw new InputFileException(
                    pinFile,
                    $"{package.Path} has no boot/{file}-{release}",
                    "pin a linux-image-VERSION-amd64 package, not the linux-image-amd64 meta-package"
                );
            }
        }
        var modules = Path.Combine(output, KernelImage.ModulesDirectory);
        await tools.RunAsync(HostTools.Depmod, c => c.WithArguments(["-b", modules, release]));
        Log.Information(
            "Debian's Linux {Release}: {Entries:N0} entries, modules {Size:N0} bytes",
            release,
            entries,
            KernelImage.TreeSize(modules)
        );
    }

    /// <summary>The release, from the one <c>boot/vmlinuz-RELEASE</c> the package installs.</summary>
    private static string ReleaseIn(DebianBinaryPackage package, string pinFile)
    {
        const string prefix = "boot/vmlinuz-";
        var images = package
            .List()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        return images.Count == 1
            ? images[0][prefix.Length..]
            : throw new InputFileException(
                pinFile,
                $"{package.Path} holds {images.Count} boot/vmlinuz-* images, not one",
                "pin a linux-image-VERSION-amd64 package"
            );
    }

    private static string? Destination(string name, string release)
    {
        // The package predates merged /usr: modules under lib/; usr/lib/ for later ones.
        foreach (var modules in new[] { $"lib/modules/{release}", $"usr/lib/modules/{release}" })
        {
            if (name == modules || name.StartsWith(modules + "/", StringComparison.Ordinal))
            {
                return Path.Combine(
                    KernelImage.ModulesDirectory,
                    "lib",
                    "modules",
                    release,
                    name[modules.Length..].TrimStart('/')
                );
            }
        }
        return name switch
        {
            _ when name == $"boot/vmlinuz-{release}" => KernelImage.Image,
            _ when name == $"boot/config-{release}" => KernelImage.Config,
            _ when name == $"boot/System.map-{release}" => KernelImage.SystemMap,
            _ => null,
        };
    }
}
