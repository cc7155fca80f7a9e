using System.Globalization;
using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Kconfig;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Compiles the Xen hypervisor: Debian's hypervisor configuration with our fragment
/// (<c>hypervisor/xen.config</c>) merged over it and checked after <c>olddefconfig</c>, then
/// <c>make -C xen</c> out of tree, so the object tree survives between runs and make (with
/// ccache) rebuilds only what changed. Output: <c>xen.gz</c> (multiboot2), <c>xen-syms</c>, the
/// final <c>xen.config</c>.
/// </summary>
[TaskName(nameof(Hypervisor))]
[TaskDescription("Compiles the Xen hypervisor (xen.gz) with hypervisor/xen.config")]
[IsDependentOn(typeof(HypervisorSource))]
public sealed class Hypervisor : StageTask
{
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [new(FragmentFile(context), () => KconfigFragment.Load(FragmentFile(context)))];

    public const string Image = "xen.gz";

    public static string FragmentFile(BuildContext context) =>
        context.Paths.InRoot("hypervisor", "xen.config");

    /// <summary>The hypervisor stages run only for <c>--hypervisor=compiled</c>.</summary>
    public static RunDecision CompiledOrSkip(BuildContext context) =>
        OriginChoice.ForHypervisor(context, ImageOrigin.Compiled);

    public override RunDecision ShouldRun(BuildContext context) => CompiledOrSkip(context);

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [.. HostTools.XenCompile, HostTools.GrubFile, .. context.FarmTools];

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        await AddUpstreamAsync<HypervisorSource>(context, manifest);
        manifest.AddFile("hypervisor/xen.config", FragmentFile(context));
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
        manifest.Add(
            "gcc",
            await CompilerSetup.CompilerVersionAsync(context.ToolsFor(nameof(Hypervisor)))
        );
        manifest.Add("make arguments", string.Join(' ', CommonMakeArguments("SRC", "OBJ")));
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var fragment = KconfigFragment.Load(FragmentFile(context));
        var source = Path.Combine(
            new HypervisorSource().OutputOf(context).Path,
            HypervisorSource.SourceDirectory
        );
        var work = context.Paths.StageWork(Name);
        var objects = Path.Combine(work, "obj");
        Directory.CreateDirectory(objects);
        var dotConfig = Path.Combine(objects, ".config");

        // Debian's configuration is the base, as the distribution's hypervisor package builds it.
        File.Copy(Path.Combine(source, "debian", "xen-kconfig"), dotConfig, overwrite: true);
        fragment.MergeInto(dotConfig);
        var tools = context.ToolsFor(Name);
        await Make(
            tools,
            source,
            objects,
            ["olddefconfig"],
            ReproducibleEnvironment(context),
            null
        );
        fragment.Verify(dotConfig);
        Log.Information(
            "Configuration checked: all {Count} options of {Fragment} are set as asked",
            fragment.Options.Count,
            FragmentFile(context)
        );

        var pin = DebianSourcePin.Load(HypervisorSource.PinFile(context));
        var farm = await context.FarmCompileAsync(Name, macrosOnHost: true);
        using (
            var progress = new CompileProgress(
                "Xen",
                CompileStepCount.Expected(
                    work,
                    context.Paths.InRoot("hypervisor", CompileStepCount.EstimateFile),
                    pin.Package,
                    pin.Version
                ),
                farm.Tally
            )
        )
        {
            await Make(
                tools,
                source,
                objects,
                [$"-j{farm.Jobs}"],
                farm.AddTo(ReproducibleEnvironment(context)),
                progress.OnLine
            );
            CompilerSetup.RecordStepCount(work, progress.Objects);
        }
        farm.LogTally("Xen");

        File.Copy(Path.Combine(objects, Image), Path.Combine(output, Image));
        File.Copy(Path.Combine(objects, "xen-syms"), Path.Combine(output, "xen-syms"));
        File.Copy(dotConfig, Path.Combine(output, "xen.config"));
        // xen.efi, which Xen's build makes beside xen.gz when the linker writes PE (Debian's
        // binutils does): the base of --secure-boot's unified image. Only that path needs it,
        // and HypervisorImage.EfiOf says so when it is missing.
        var efi = Path.Combine(objects, HypervisorImage.Efi);
        if (File.Exists(efi))
        {
            File.Copy(efi, Path.Combine(output, HypervisorImage.Efi));
        }
        await CheckMultiboot2Async(tools, Path.Combine(output, Image));
        Log.Information(
            "{Image}: {Size:N0} bytes, multiboot2",
            Image,
            new FileInfo(Path.Combine(output, Image)).Length
        );
    }

    private static Task Make(
        ToolRunner tools,
        string source,
        string objects,
        string[] targets,
        Dictionary<string, string?> environment,
        Action<string>? onLine
    ) =>
        tools.RunAsync(
            HostTools.Make,
            c =>
                c.WithArguments([
                        .. CommonMakeArguments(Path.Combine(source, "xen"), objects),
                        .. targets,
                    ])
                    .WithEnvironmentVariables(e => e.Set(environment)),
            onLine
        );

    /// <summary>
    /// Xen's x86 C files include a generated header that makes the assembler <c>.include</c>
    /// itself from the object tree (<c>arch/x86/include/asm/asm-macros.h</c>, by a relative
    /// path). A distcc host (<c>--distcc</c>) compiles in a directory of its own and has no such
    /// file, so every such file failed there and compiled again here. Overriding the rule (a
    /// command-line variable wins over the Makefile's <c>define</c>) puts the same macros into
    /// the header as a C string, so a compile needs no file but the one distcc sends. On every
    /// build, with or without hosts: the kept object tree's header then never depends on
    /// <c>--distcc</c> (make would not remake it when only the rule changed), and ccache's
    /// entries are the same for both. Macros emit no bytes: every object, and xen.gz, is the
    /// same as with Xen's own rule (compared once, object by object; the distcc integration
    /// test compares xen.gz with a build here).
    /// </summary>
    private const string AsmMacrosAsString =
        "filechk_asm-macros.h="
        + "echo '#ifndef __ASM_MACROS_H__'; echo '#define __ASM_MACROS_H__'; echo 'asm ('; "
        + """sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; """
        + "echo ');'; echo '#endif /* __ASM_MACROS_H__ */'";

    private static string[] CommonMakeArguments(string xenSource, string objects) =>
        [
            "-C",
            xenSource,
            $"O={objects}",
            "XEN_TARGET_ARCH=x86_64",
            // Paths of this machine must not end up in the image (reproducible builds).
            $"EXTRA_CFLAGS_XEN_CORE=-ffile-prefix-map={xenSource}=. -ffile-prefix-map={objects}=.",
            AsmMacrosAsString,
        ];

    private static Dictionary<string, string?> ReproducibleEnvironment(BuildContext context)
    {
        var environment = CompilerSetup.Environment(context.CompileSettings);
        environment["XEN_BUILD_DATE"] = CompilerSetup.BuildDate(context.CompileSettings);
        environment["XEN_BUILD_TIME"] = context.Settings.SourceDate.UtcDateTime.ToString(
            "HH:mm:ss",
            CultureInfo.InvariantCulture
        );
        environment["XEN_BUILD_HOST"] = "xendemocd";
        environment["XEN_WHOAMI"] = "xendemocd";
        environment["XEN_DOMAIN"] = "xendemocd";
        return environment;
    }

    private static async Task CheckMultiboot2Async(ToolRunner tools, string image)
    {
        try
        {
            await tools.RunAsync(
                HostTools.GrubFile,
                c => c.WithArguments(["--is-x86-multiboot2", image])
            );
        }
        catch (ToolFailedException e)
        {
            throw new InvalidOperationException(
                $"{image} is not a multiboot2 image (grub-file --is-x86-multiboot2 said no); GRUB could not boot it.",
                e
            );
        }
    }
}
