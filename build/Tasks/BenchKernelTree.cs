using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Linux;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// For <c>--profile=bench</c>: the workload of xendemo-bench's kernel build, the paper's
/// "Linux build" column. <see cref="KernelSource"/>'s tree is built once here with
/// <c>tinyconfig</c>; <see cref="KernelBuildTree"/> keeps the files that build read, packs them,
/// and a second build from the packed tree proves it complete. Output:
/// <c>linux-tinyconfig.tar.gz</c>, which MasterIso puts on the CD.
/// </summary>
[TaskName(nameof(BenchKernelTree))]
[TaskDescription(
    "Packs the Linux files a tinyconfig build reads, for xendemo-bench (--profile=bench)"
)]
[IsDependentOn(typeof(KernelSource))]
public sealed class BenchKernelTree : StageTask
{
    public const string Profile = "bench";
    public const string Archive = "linux-tinyconfig.tar.gz";

    /// <summary>Where the CD carries it (the CD is the running system's /usr).</summary>
    public const string CdPath = "/share/xendemo-bench/" + Archive;

    public static bool Wanted(BuildContext context) => context.Settings.Profiles.Contains(Profile);

    public override RunDecision ShouldRun(BuildContext context) =>
        Wanted(context)
            ? RunDecision.Run()
            : RunDecision.Skip($"no --profile={Profile}: the CD carries no kernel-build workload");

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        HostTools.KernelCompile;

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        await AddUpstreamAsync<KernelSource>(context, manifest);
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
        manifest.Add(
            "gcc",
            await CompilerSetup.CompilerVersionAsync(context.ToolsFor(nameof(BenchKernelTree)))
        );
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var source = Path.Combine(
            new KernelSource().OutputOf(context).Path,
            KernelSource.SourceDirectory
        );
        var work = context.Paths.StageWork(Name);
        DirectoryRemoval.DeleteIfPresent(work);
        var objects = Directory.CreateDirectory(Path.Combine(work, "obj")).FullName;
        await TinyconfigBuildAsync(context, source, objects);

        var files = KernelBuildTree.Files(source, objects);
        var archive = Path.Combine(output, Archive);
        KernelBuildTree.Write(source, files, archive, context.Settings.SourceDate, "linux");
        Log.Information(
            "{Archive}: {Files:N0} files of {Source}, {Bytes:N0} bytes",
            Archive,
            files.Count,
            source,
            new FileInfo(archive).Length
        );

        // The proof: the packed tree alone builds the same vmlinux target.
        var unpacked = Directory.CreateDirectory(Path.Combine(work, "unpacked")).FullName;
        await using (var packed = File.OpenRead(archive))
        await using (var tar = new GZipStream(packed, CompressionMode.Decompress))
        {
            await TarFile.ExtractToDirectoryAsync(
                tar,
                unpacked,
                overwriteFiles: false,
                context.Cancellation
            );
        }
        var check = Directory.CreateDirectory(Path.Combine(work, "check")).FullName;
        await TinyconfigBuildAsync(context, Path.Combine(unpacked, "linux"), check);
        Log.Information("The packed tree builds vmlinux on its own");
        DirectoryRemoval.DeleteIfPresent(work);
    }

    private static async Task TinyconfigBuildAsync(
        BuildContext context,
        string source,
        string objects
    )
    {
        var make = new KernelMake(
            context.CompileSettings,
            context.ToolsFor(nameof(BenchKernelTree)),
            source,
            objects
        );
        await make.RunAsync(["tinyconfig"]);
        await make.RunAsync([$"-j{context.Settings.Jobs}", "vmlinux"]);
    }
}
