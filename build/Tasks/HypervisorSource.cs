using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Patching;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The Xen source as Debian ships it (<c>hypervisor/source.json</c> pins package, version and
/// sums), unpacked with Debian's patches, then ours from <c>hypervisor/patches/</c>.
/// </summary>
[TaskName(nameof(HypervisorSource))]
[TaskDescription(
    "Fetches the pinned Xen source package, verifies it, unpacks it and applies hypervisor/patches"
)]
[IsDependentOn(typeof(Prerequisites))]
public sealed class HypervisorSource : StageTask
{
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [new(PinFile(context), () => DebianSourcePin.Load(PinFile(context)))];

    public const string SourceDirectory = "source";

    public static string PinFile(BuildContext context) =>
        context.Paths.InRoot("hypervisor", "source.json");

    public static string PatchDirectory(BuildContext context) =>
        context.Paths.InRoot("hypervisor", "patches");

    public override RunDecision ShouldRun(BuildContext context) =>
        Hypervisor.CompiledOrSkip(context);

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [HostTools.AptGet, HostTools.DpkgSource, HostTools.Patch];

    protected override Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile("hypervisor/source.json", PinFile(context));
        manifest.AddTree("hypervisor/patches", PatchDirectory(context));
        return Task.CompletedTask;
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var pinFile = PinFile(context);
        var pin = DebianSourcePin.Load(pinFile);
        var tools = context.ToolsFor(Name);
        var downloads = await new DebianSourceFetcher(context.Paths.Packages, tools).FetchAsync(
            pin,
            pinFile
        );

        var source = Path.Combine(output, SourceDirectory);
        await tools.RunAsync(
            HostTools.DpkgSource,
            c => c.WithArguments(["-x", Path.Combine(downloads, pin.DscFile), source])
        );
        await PatchSeries.FromDirectory(PatchDirectory(context)).ApplyAsync(source, tools, Name);
    }
}
