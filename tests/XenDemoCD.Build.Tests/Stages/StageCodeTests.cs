using System.Reflection;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Stages.Code;
using XenDemoCD.Build.Tasks;

namespace XenDemoCD.Build.Tests.Stages;

/// <summary>The code a stage runs is an input of it, and only that code.</summary>
public sealed class StageCodeTests
{
    private static readonly Type[] AllTasks =
    [
        .. typeof(StageTask)
            .Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(BuildTask<BuildContext>)) && !t.IsAbstract),
    ];

    [Theory]
    [InlineData(typeof(XenDemoCD.Posix.PosixCalls))]
    [InlineData(typeof(XenDemoCD.Cpio.CpioArchiveBuilder))]
    [InlineData(typeof(XenDemoCD.Iso9660.IsoImage))]
    public void A_library_does_not_carry_the_commit_so_a_commit_without_code_changes_keeps_the_stages(
        Type library
    )
    {
        // Stages hash the library files they run; a "+COMMIT" suffix in the informational
        // version changed those files, and so every stage, with every commit.
        var version = library
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!
            .InformationalVersion;

        Assert.DoesNotContain("+", version);
    }

    [Fact]
    public void A_change_in_the_cpio_library_rebuilds_Initrd_and_the_stages_after_it_and_nothing_else()
    {
        var changed = Stages()
            .Where(stage =>
                !Same(
                    StageCode.Of(stage, StageCode.LibraryHash),
                    StageCode.Of(
                        stage,
                        name => name == "XenDemoCD.Cpio" ? "edited" : StageCode.LibraryHash(name)
                    )
                )
            );

        // SecureBoot puts the initrd into the signed xen.efi.
        Assert.Equal(["Initrd", "MasterIso", "SecureBoot"], WithStagesAfter(changed));
    }

    [Fact]
    public void A_change_in_the_tar_writer_rebuilds_the_stages_that_write_tars_and_root_tar_gz()
    {
        var changed = Stages().Where(s => StageCode.Of(s).ContainsKey("code:RootFs.RootTarWriter"));

        // BootLoader follows RootBootstrap: GRUB's files come from the base root; SecureBoot
        // signs BootLoader's GRUB.
        Assert.Equal(
            [
                "BootLoader",
                "MasterIso",
                "RootBootstrap",
                "RootPatch",
                "RootTarball",
                "SecureBoot",
                "UsrLayout",
            ],
            WithStagesAfter(changed)
        );
    }

    [Fact]
    public void The_kernel_compile_runs_none_of_the_image_writers()
    {
        var code = StageCode.Of(typeof(XenDemoCD.Build.Tasks.Kernel));

        Assert.Contains("code:Tasks.Kernel", code.Keys);
        Assert.Contains("code:Tools.CompilerSetup", code.Keys);
        Assert.DoesNotContain(
            code.Keys,
            k =>
                k.Contains("Cpio", StringComparison.Ordinal)
                || k.Contains("RootFs", StringComparison.Ordinal)
                || k.Contains("Iso9660", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void Machinery_and_output_neutral_code_is_no_input()
    {
        var code = StageCode.Of(typeof(XenDemoCD.Build.Tasks.Initrd));

        Assert.Contains("code:Initrd.IrTree", code.Keys);
        Assert.DoesNotContain(code.Keys, k => k.StartsWith("code:Host.", StringComparison.Ordinal));
        Assert.DoesNotContain(
            code.Keys,
            k => k.StartsWith("code:Stages.", StringComparison.Ordinal)
        );
        Assert.DoesNotContain("code:Tools.ToolRunner", code.Keys);
        Assert.DoesNotContain("code:Debian.DebianBinaryFetcher", code.Keys);
        Assert.DoesNotContain("code:Serilog.dll", code.Keys);
        Assert.DoesNotContain("code:CliWrap.dll", code.Keys);
    }

    private static IEnumerable<Type> Stages() =>
        AllTasks.Where(t => t.IsSubclassOf(typeof(StageTask)));

    private static bool Same(
        IReadOnlyDictionary<string, string> a,
        IReadOnlyDictionary<string, string> b
    ) => a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <summary>The stages given and every stage that depends on them, directly or through other tasks, by name.</summary>
    private static string[] WithStagesAfter(IEnumerable<Type> stages)
    {
        var reached = stages.ToHashSet();
        for (var grew = true; grew; )
        {
            grew = false;
            foreach (var task in AllTasks.Where(t => !reached.Contains(t)))
            {
                if (
                    task.GetCustomAttributes<IsDependentOnAttribute>()
                        .Any(d => reached.Contains(d.Task))
                )
                {
                    grew = reached.Add(task);
                }
            }
        }
        return
        [
            .. reached
                .Where(t => t.IsSubclassOf(typeof(StageTask)))
                .Select(t => t.Name)
                .Order(StringComparer.Ordinal),
        ];
    }
}
