using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Integration;

/// <summary>
/// A checkout's <c>hypervisor/</c> folder, copied so a test may edit it, with the source pinned
/// to bookworm's Xen 4.17 (<c>xen-4.17-bookworm.source.json</c>): the archive here serves no
/// files of trixie's 4.20, so the hypervisor tests compile 4.17.
/// </summary>
public static class PinnedXenCheckout
{
    public static void CreateIn(TempDirectory root)
    {
        var hypervisor = Path.Combine(RepositoryRoot.Path, "hypervisor");
        foreach (var file in Directory.GetFiles(hypervisor, "*", SearchOption.AllDirectories))
        {
            var target = root.Combine("hypervisor", Path.GetRelativePath(hypervisor, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.Copy(
            Path.Combine(
                RepositoryRoot.Path,
                "tests",
                "XenDemoCD.Build.Tests",
                "Integration",
                "xen-4.17-bookworm.source.json"
            ),
            root.Combine("hypervisor", "source.json"),
            overwrite: true
        );
    }
}
