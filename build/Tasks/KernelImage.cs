using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Stages;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The kernel the CD boots, whichever way it was made: <see cref="Kernel"/>'s output
/// (<c>--kernel=compiled</c>) or <see cref="DebianKernel"/>'s (<c>--kernel=debian</c>). Both
/// have the same layout, so later stages depend on this task, read <see cref="DirectoryOf"/> and
/// add <see cref="AddToManifestAsync"/> to their inputs, and never ask which one it was. It
/// copies nothing: it names the directory and checks that the layout is complete.
/// </summary>
[TaskName(nameof(KernelImage))]
[TaskDescription(
    "The kernel the CD boots: compiled (Kernel) or Debian's (DebianKernel), per --kernel"
)]
[IsDependentOn(typeof(Kernel))]
[IsDependentOn(typeof(DebianKernel))]
[IsDependentOn(typeof(PrebuiltKernel))]
public sealed class KernelImage : BuildTask<BuildContext>
{
    public const string Image = "vmlinuz";
    public const string SystemMap = "System.map";
    public const string Config = "config";

    /// <summary>One line: the release string, the name of the directory under lib/modules/.</summary>
    public const string ReleaseFile = "release";

    /// <summary>A root-like tree: <c>modules/lib/modules/RELEASE/</c>, with depmod's indexes.</summary>
    public const string ModulesDirectory = "modules";

    public static StageTask StageOf(BuildContext context) =>
        context.Settings.Kernel switch
        {
            ImageOrigin.Compiled => new Kernel(),
            ImageOrigin.Prebuilt => new PrebuiltKernel(),
            _ => new DebianKernel(),
        };

    public static string DirectoryOf(BuildContext context) =>
        context.Settings.Kernel == ImageOrigin.Prebuilt
            ? PrebuiltKernel.DirectoryOf(context)
            : StageOf(context).OutputOf(context).Path;

    public static string ReleaseOf(BuildContext context) =>
        File.ReadAllText(Path.Combine(DirectoryOf(context), ReleaseFile)).Trim();

    /// <summary>The chosen kernel stage's manifest, as an input of a later stage.</summary>
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
        var directory = DirectoryOf(context);
        // The CD carries no System.map: an unpacked CD's prebuilt kernel has none.
        var missing = new[] { Image, SystemMap, Config, ReleaseFile }
            .Where(f => f != SystemMap || context.Settings.Kernel != ImageOrigin.Prebuilt)
            .Where(f => !File.Exists(Path.Combine(directory, f)))
            .ToList();
        if (missing.Count == 0 && !Directory.Exists(ModulesOf(directory, ReleaseOf(context))))
        {
            missing.Add(Path.Combine(ModulesDirectory, "lib", "modules", ReleaseOf(context)));
        }
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{StageOf(context).Name} left no {string.Join(", ", missing)} in {directory}; rebuild it with --force={StageOf(context).Name}."
            );
        }
        Log.Information(
            "Kernel {Release} from {Stage}: {Directory}",
            ReleaseOf(context),
            StageOf(context).Name,
            directory
        );
        context.Outcomes.Note(
            nameof(KernelImage),
            $"{ReleaseOf(context)} ({StageOf(context).Name})"
        );
    }

    public override string Explain(BuildContext context) =>
        $"would use the kernel of {StageOf(context).Name} (--kernel={context.Settings.Kernel.ToString().ToLowerInvariant()})";

    public static string ModulesOf(string kernelDirectory, string release) =>
        Path.Combine(kernelDirectory, ModulesDirectory, "lib", "modules", release);

    /// <summary>
    /// modules_install links <c>build</c> and <c>source</c> to the tree it was built in; on the
    /// CD they would point nowhere.
    /// </summary>
    public static void RemoveBuildLinks(string modulesRoot, string release)
    {
        foreach (var name in new[] { "build", "source" })
        {
            var link = Path.Combine(modulesRoot, "lib", "modules", release, name);
            if (new FileInfo(link).LinkTarget is not null)
            {
                File.Delete(link);
            }
        }
    }

    public static long TreeSize(string directory) =>
        new DirectoryInfo(directory)
            .EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => f.LinkTarget is null)
            .Sum(f => f.Length);
}
