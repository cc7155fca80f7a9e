using System.Globalization;
using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Linux;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Compiles Linux with <see cref="KernelConfig"/>'s configuration: <c>bzImage</c> and the
/// modules, out of tree in <c>out/work/Kernel/obj</c> (kept, so make and ccache rebuild only what
/// changed), then <c>modules_install</c> (stripped, with depmod). Output, the layout
/// <see cref="KernelImage"/> promises: <c>vmlinuz</c>, <c>System.map</c>, <c>config</c>,
/// <c>release</c> and <c>modules/lib/modules/RELEASE/</c>.
/// </summary>
[TaskName(nameof(Kernel))]
[TaskDescription("Compiles the Linux kernel (bzImage + modules) with xenolinux-patches")]
[IsDependentOn(typeof(KernelConfig))]
public sealed class Kernel : StageTask
{
    /// <summary>The kernel stages run only for <c>--kernel=compiled</c>.</summary>
    public static RunDecision CompiledOrSkip(BuildContext context) =>
        OriginChoice.ForKernel(context, ImageOrigin.Compiled);

    public override RunDecision ShouldRun(BuildContext context) => CompiledOrSkip(context);

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [.. HostTools.KernelCompile, .. context.FarmTools];

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        await AddUpstreamAsync<KernelConfig>(context, manifest);
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
        manifest.Add(
            "gcc",
            await CompilerSetup.CompilerVersionAsync(context.ToolsFor(nameof(Kernel)))
        );
        manifest.Add("make arguments", string.Join(' ', KernelMake.CommonArguments("SRC", "OBJ")));
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var source = Path.Combine(
            new KernelPatch().OutputOf(context).Path,
            KernelPatch.SourceDirectory
        );
        var work = context.Paths.StageWork(Name);
        var objects = Path.Combine(work, "obj");
        Directory.CreateDirectory(objects);
        var tools = context.ToolsFor(Name);
        var make = new KernelMake(context.CompileSettings, tools, source, objects);

        // Copied only when it changed: an unchanged .config keeps its time, and kbuild its
        // generated headers.
        var config = Path.Combine(
            new KernelConfig().OutputOf(context).Path,
            KernelConfig.ConfigFile
        );
        var dotConfig = Path.Combine(objects, ".config");
        if (!File.Exists(dotConfig) || File.ReadAllText(dotConfig) != File.ReadAllText(config))
        {
            File.Copy(config, dotConfig, overwrite: true);
        }
        await make.RunAsync(["olddefconfig"]);

        var pin = DebianBinaryPin.Load(KernelSource.PinFile(context));
        var farm = await context.FarmCompileAsync(Name, macrosOnHost: false);
        using (
            var progress = new CompileProgress(
                "Linux",
                CompileStepCount.Expected(
                    work,
                    context.Paths.InRoot("xenolinux-patches", CompileStepCount.EstimateFile),
                    pin.Package,
                    pin.Version
                ),
                farm.Tally
            )
        )
        {
            await make.RunAsync([$"-j{farm.Jobs}", "bzImage", "modules"], progress.OnLine, farm);
            CompilerSetup.RecordStepCount(work, progress.Objects);
        }
        farm.LogTally("Linux");

        var release = await make.ReleaseAsync();
        var modules = Path.Combine(output, KernelImage.ModulesDirectory);
        await make.RunAsync([
            "modules_install",
            $"INSTALL_MOD_PATH={modules}",
            "INSTALL_MOD_STRIP=1",
            $"DEPMOD={ToolRunner.Find(HostTools.Depmod.Program!) ?? "depmod"}",
        ]);
        KernelImage.RemoveBuildLinks(modules, release);

        File.Copy(
            Path.Combine(objects, "arch", "x86", "boot", "bzImage"),
            Path.Combine(output, KernelImage.Image)
        );
        File.Copy(Path.Combine(objects, "System.map"), Path.Combine(output, KernelImage.SystemMap));
        File.Copy(dotConfig, Path.Combine(output, KernelImage.Config));
        File.WriteAllText(Path.Combine(output, KernelImage.ReleaseFile), release + "\n");
        Log.Information(
            "Linux {Release}: {Image} {Size:N0} bytes, modules {Modules:N0} bytes",
            release,
            KernelImage.Image,
            new FileInfo(Path.Combine(output, KernelImage.Image)).Length,
            KernelImage.TreeSize(modules)
        );
    }
}
