using XenDemoCD.Build.Initrd;

namespace XenDemoCD.Build.Tests.Initrd;

/// <summary>How irtree/modules.list resolves against a kernel's depmod indexes.</summary>
public sealed class ModuleListTests : IDisposable
{
    private readonly string directory = Directory
        .CreateTempSubdirectory("xendemo-modules-")
        .FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Loadable_modules_are_loaded_after_their_dependencies_and_builtin_ones_are_skipped()
    {
        var selection = Resolve("nvme\nisofs\n");

        Assert.Equal(["nvme"], selection.Load);
        Assert.Equal(
            ["kernel/drivers/nvme/host/nvme-core.ko", "kernel/drivers/nvme/host/nvme.ko"],
            selection.Files.Select(m => m.File).Order(StringComparer.Ordinal)
        );
        Assert.Empty(selection.Missing);
    }

    [Fact]
    public void A_missing_module_is_reported_unless_the_list_marks_it_optional()
    {
        var selection = Resolve("ata_generic\ncrc64_rocksoft_generic?   # only some kernels\n");

        Assert.Equal(["ata_generic"], selection.Missing);
        Assert.Empty(selection.Load);
    }

    [Fact]
    public void An_optional_module_that_the_kernel_has_is_loaded()
    {
        var selection = Resolve("nvme-core?\n");

        Assert.Equal(["nvme_core"], selection.Load);
        Assert.Empty(selection.Missing);
    }

    private InitrdModules Resolve(string list)
    {
        File.WriteAllText(
            Path.Combine(directory, "modules.dep"),
            "kernel/drivers/nvme/host/nvme-core.ko:\n"
                + "kernel/drivers/nvme/host/nvme.ko: kernel/drivers/nvme/host/nvme-core.ko\n"
        );
        File.WriteAllText(Path.Combine(directory, "modules.builtin"), "kernel/fs/isofs/isofs.ko\n");
        var listFile = Path.Combine(directory, "modules.list");
        File.WriteAllText(listFile, list);
        return InitrdModules.Select(listFile, KernelModuleIndex.Load(directory));
    }
}
