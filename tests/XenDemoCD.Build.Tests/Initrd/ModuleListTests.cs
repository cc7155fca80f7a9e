using XenDemoCD.Build.Initrd;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Initrd;

/// <summary>How irtree/modules.list resolves against a kernel's depmod indexes.</summary>
public sealed class ModuleListTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_loadable_module_comes_with_its_dependencies_and_a_builtin_one_is_skipped()
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
        temp.Write(
            "modules.dep",
            "kernel/drivers/nvme/host/nvme-core.ko:\n"
                + "kernel/drivers/nvme/host/nvme.ko: kernel/drivers/nvme/host/nvme-core.ko\n"
        );
        temp.Write("modules.builtin", "kernel/fs/isofs/isofs.ko\n");
        var listFile = temp.Write("modules.list", list);
        return InitrdModules.Select(listFile, KernelModuleIndex.Load(temp.Path));
    }
}
