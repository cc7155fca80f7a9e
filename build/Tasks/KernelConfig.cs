using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Kconfig;
using XenDemoCD.Build.Linux;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The kernel configuration: <c>x86_64_defconfig</c>, the kernel's own Xen fragments and ours
/// (<c>xenolinux-patches/xenolinux.config</c>) merged with the kernel's <c>merge_config.sh</c>,
/// then <c>olddefconfig</c>. Every option of our fragment is checked in the result: one Kconfig
/// dropped fails the build, named. Output: <c>config</c>. Fast (no compile), so the test runs it.
/// </summary>
[TaskName(nameof(KernelConfig))]
[TaskDescription(
    "Configures Linux: x86_64_defconfig + xen.config + xenolinux-patches/xenolinux.config, checked"
)]
[IsDependentOn(typeof(KernelPatch))]
public sealed class KernelConfig : StageTask
{
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [new(FragmentFile(context), () => KconfigFragment.Load(FragmentFile(context)))];

    public const string ConfigFile = "config";

    /// <summary>The kernel's fragments for Xen, as <c>make xen.config</c> merges them on x86.</summary>
    public static readonly IReadOnlyList<string> KernelXenFragments =
    [
        "kernel/configs/xen.config",
        "arch/x86/configs/xen.config",
    ];

    public static string FragmentFile(BuildContext context) =>
        context.Paths.InRoot("xenolinux-patches", "xenolinux.config");

    public override RunDecision ShouldRun(BuildContext context) => Kernel.CompiledOrSkip(context);

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        HostTools.KernelConfigure;

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        await AddUpstreamAsync<KernelPatch>(context, manifest);
        manifest.AddFile("xenolinux-patches/xenolinux.config", FragmentFile(context));
        manifest.Add("base", "x86_64_defconfig " + string.Join(' ', KernelXenFragments));
        manifest.Add("make arguments", string.Join(' ', KernelMake.CommonArguments("SRC", "OBJ")));
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var fragment = KconfigFragment.Load(FragmentFile(context));
        var source = Path.Combine(
            new KernelPatch().OutputOf(context).Path,
            KernelPatch.SourceDirectory
        );
        var objects = Path.Combine(context.Paths.StageWork(Name), "obj");
        Directory.CreateDirectory(objects);
        var tools = context.ToolsFor(Name);
        var make = new KernelMake(context.CompileSettings, tools, source, objects);
        var dotConfig = Path.Combine(objects, ".config");

        await make.RunAsync(["x86_64_defconfig"]);
        await tools.RunAsync(
            HostTools.Bash,
            c =>
                c.WithArguments([
                        Path.Combine(source, "scripts", "kconfig", "merge_config.sh"),
                        // Merge only: olddefconfig below runs through kbuild with O=.
                        "-m",
                        "-O",
                        objects,
                        dotConfig,
                        .. KernelXenFragments.Select(f => Path.Combine(source, f)),
                        FragmentFile(context),
                    ])
                    .WithWorkingDirectory(objects)
        );
        await make.RunAsync(["olddefconfig"]);

        fragment.Verify(dotConfig);
        File.Copy(dotConfig, Path.Combine(output, ConfigFile));
        Log.Information(
            "Configuration checked: all {Count} options of {Fragment} are set as asked",
            fragment.Options.Count,
            FragmentFile(context)
        );
    }
}
