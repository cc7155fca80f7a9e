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
/// and a second build from the packed tree, at the same paths (so from ccache), proves it complete. Output:
/// <c>linux-tinyconfig.tar.gz</c>, which MasterIso puts on the CD. The proven file list is kept
/// in the shared cache, so another output directory or a later commit packs it without building.
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
        var archive = Path.Combine(output, Archive);
        var proven = await ProvenFileListAsync(context);
        if (File.Exists(proven))
        {
            // The two builds only find which files a tinyconfig build reads, and that depends on
            // the source, the compiler and this code, not on the date the archive is stamped
            // with: a list an earlier build proved is packed again as it is, minutes sooner.
            var known = File.ReadAllLines(proven);
            KernelBuildTree.Write(source, known, archive, context.Settings.SourceDate, "linux");
            Log.Information(
                "{Archive}: {Files:N0} files of {Source} as proven by an earlier build ({List}), {Bytes:N0} bytes",
                Archive,
                known.Length,
                source,
                proven,
                new FileInfo(archive).Length
            );
            return;
        }
        var work = context.Paths.StageWork(Name);
        DirectoryRemoval.DeleteIfPresent(work);
        // Both builds run at the same paths, the source's hard-linked copy first and the packed
        // tree second, so that the proof's compiles are ccache's hits of the first build's (the
        // same command lines, the same bytes): minutes saved, and nothing less proved, since a
        // file the packed tree lacks still fails its compile or its make.
        var tree = Path.Combine(work, "tree");
        var linux = Path.Combine(tree, "linux");
        var objects = Path.Combine(work, "obj");
        HardLinkTree.Create(source, linux);
        Directory.CreateDirectory(objects);
        await TinyconfigBuildAsync(context, linux, objects);

        var files = KernelBuildTree.Files(linux, objects);
        KernelBuildTree.Write(linux, files, archive, context.Settings.SourceDate, "linux");
        Log.Information(
            "{Archive}: {Files:N0} files of {Source}, {Bytes:N0} bytes",
            Archive,
            files.Count,
            source,
            new FileInfo(archive).Length
        );

        // The proof: the packed tree alone builds the same vmlinux target.
        DirectoryRemoval.DeleteIfPresent(tree);
        DirectoryRemoval.DeleteIfPresent(objects);
        Directory.CreateDirectory(tree);
        await using (var packed = File.OpenRead(archive))
        await using (var tar = new GZipStream(packed, CompressionMode.Decompress))
        {
            await TarFile.ExtractToDirectoryAsync(
                tar,
                tree,
                overwriteFiles: false,
                context.Cancellation
            );
        }
        Directory.CreateDirectory(objects);
        await TinyconfigBuildAsync(context, linux, objects);
        Log.Information("The packed tree builds vmlinux on its own");
        DirectoryRemoval.DeleteIfPresent(work);
        Directory.CreateDirectory(Path.GetDirectoryName(proven)!);
        var aside = proven + ".partial";
        await File.WriteAllLinesAsync(aside, files, context.Cancellation);
        File.Move(aside, proven, overwrite: true);
    }

    /// <summary>
    /// Where the shared cache keeps the file list a build proved, named by every input but
    /// <c>SOURCE_DATE_EPOCH</c>, which stamps the archive and changes with each commit.
    /// </summary>
    private async Task<string> ProvenFileListAsync(BuildContext context)
    {
        var key = new StageManifest();
        foreach (var (name, value) in (await context.ManifestOfAsync(this)).Inputs)
        {
            if (name != "SOURCE_DATE_EPOCH")
            {
                key.Add(name, value);
            }
        }
        return Path.Combine(context.Paths.Cache, ProvenListDirectory, key.Hash + ".files");
    }

    /// <summary>Under the <c>--cache</c> directory.</summary>
    public const string ProvenListDirectory = "bench-kernel-tree";

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
