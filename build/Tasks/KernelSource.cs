using System.Formats.Tar;
using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The Linux source as Debian ships it: the binary package <c>linux-source-6.1</c> (pinned in
/// <c>xenolinux-patches/source.json</c>) holds the whole tree, with Debian's patches, as
/// <c>/usr/src/linux-source-6.1.tar.xz</c>. Fetched with apt into the download cache, verified,
/// and unpacked in-process (ar → data.tar.xz → the tarball → the tree) into <c>source/</c>.
/// </summary>
[TaskName(nameof(KernelSource))]
[TaskDescription("Fetches the pinned linux-source package, verifies it and unpacks the Linux tree")]
[IsDependentOn(typeof(Prerequisites))]
public sealed class KernelSource : StageTask, IFetchesPinnedPackages
{
    public IEnumerable<string> PinFiles(BuildContext context) => [PinFile(context)];

    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [new(PinFile(context), () => DebianBinaryPin.Load(PinFile(context)))];

    public const string SourceDirectory = "source";

    public static string PinFile(BuildContext context) =>
        context.Paths.InRoot("xenolinux-patches", "source.json");

    /// <summary>For the compiled kernel, and for the bench profile's kernel-build workload (<see cref="BenchKernelTree"/>).</summary>
    public override RunDecision ShouldRun(BuildContext context) =>
        BenchKernelTree.Wanted(context) ? RunDecision.Run() : Kernel.CompiledOrSkip(context);

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) => [HostTools.AptGet];

    protected override Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        manifest.AddFile("xenolinux-patches/source.json", PinFile(context));
        return Task.CompletedTask;
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var pinFile = PinFile(context);
        var pin = DebianBinaryPin.Load(pinFile);
        var deb = await new DebianBinaryFetcher(
            context.Paths.Packages,
            context.ToolsFor(Name)
        ).FetchAsync(pin, pinFile);
        var tarball = $"usr/src/{pin.Package}.tar.xz";
        var source = Path.Combine(output, SourceDirectory);
        Log.Information("Unpacking {Tarball} from {Deb}", tarball, Path.GetFileName(deb));
        var started = DateTime.UtcNow;
        using var progress = new StepProgress(
            $"Unpacking {Path.GetFileName(tarball)}",
            ProgressUnit.Bytes
        );
        var entries = new DebianBinaryPackage(deb).ReadFile(
            tarball,
            compressed =>
            {
                // Measured on the compressed tarball: its size is known before a byte is read.
                using var counted = new ReadProgressStream(compressed, progress, "(compressed)");
                using var tar = DebianBinaryPackage.Decompress(counted, tarball, deb);
                // The tarball holds one top directory (linux-source-6.1/); the tree is its content.
                return TarExtraction.Extract(
                    tar,
                    source,
                    WithoutTopDirectory,
                    deb,
                    context.Cancellation
                );
            }
        );
        if (!File.Exists(Path.Combine(source, "Makefile")))
        {
            throw new InputFileException(
                pinFile,
                $"{tarball} in {deb} unpacked to no Linux tree (no top-level Makefile)",
                "pin a linux-source package"
            );
        }
        Log.Information(
            "Unpacked {Entries:N0} entries in {Elapsed:mm\\:ss}",
            entries,
            DateTime.UtcNow - started
        );
    }

    private static string? WithoutTopDirectory(string name)
    {
        var slash = name.IndexOf('/');
        return slash < 0 ? null : name[(slash + 1)..];
    }
}
