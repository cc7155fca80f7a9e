using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// <c>--hypervisor=debian</c>: Debian's own Xen (<c>hypervisor/debian-hypervisor.json</c> pins
/// <c>xen-hypervisor-4.17-amd64</c>) instead of compiling. Unpacked in-process into
/// <see cref="HypervisorImage"/>'s layout: <c>xen.gz</c> and <c>xen.config</c>.
/// </summary>
[TaskName(nameof(DebianHypervisor))]
[TaskDescription("--hypervisor=debian: fetches Debian's xen-hypervisor package and unpacks it")]
[IsDependentOn(typeof(Prerequisites))]
public sealed class DebianHypervisor : StageTask, IFetchesPinnedPackages
{
    public IEnumerable<string> PinFiles(BuildContext context) => [PinFile(context)];

    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [new(PinFile(context), () => DebianBinaryPin.Load(PinFile(context)))];

    public static string PinFile(BuildContext context) =>
        context.Paths.InRoot("hypervisor", "debian-hypervisor.json");

    public override RunDecision ShouldRun(BuildContext context) =>
        OriginChoice.ForHypervisor(context, ImageOrigin.Debian);

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) => [HostTools.AptGet];

    protected override Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile("hypervisor/debian-hypervisor.json", PinFile(context));
        return Task.CompletedTask;
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var pinFile = PinFile(context);
        var pin = DebianBinaryPin.Load(pinFile);
        var package = new DebianBinaryPackage(
            await new DebianBinaryFetcher(
                context.Paths.Packages,
                context.ToolsFor(Name)
            ).FetchAsync(pin, pinFile)
        );
        // boot/xen-4.17-amd64.gz and .config: the names carry the Xen series and flavour.
        package.Extract(
            output,
            name =>
                name.StartsWith("boot/xen-", StringComparison.Ordinal)
                    ? Path.GetExtension(name) switch
                    {
                        ".gz" => Hypervisor.Image,
                        ".config" => HypervisorImage.Config,
                        ".efi" => HypervisorImage.Efi,
                        _ => null,
                    }
                    : null
        );
        foreach (
            var file in new[] { Hypervisor.Image, HypervisorImage.Config, HypervisorImage.Efi }
        )
        {
            if (!File.Exists(Path.Combine(output, file)))
            {
                throw new InputFileException(
                    pinFile,
                    $"{package.Path} holds no boot/xen-*{Path.GetExtension(file)}",
                    "pin a xen-hypervisor-VERSION-amd64 package"
                );
            }
        }
        Log.Information(
            "Debian's Xen {Version}: {Image} {Size:N0} bytes",
            pin.Version,
            Hypervisor.Image,
            new FileInfo(Path.Combine(output, Hypervisor.Image)).Length
        );
    }
}
