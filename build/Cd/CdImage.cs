using XenDemoCD.Build.RootFs;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// Everything the CD is made of, as files the stages left: the running system's <c>/usr</c>, the
/// kernel's modules, <c>/boot</c> (Xen, kernel, initrd, GRUB, the ESP image), <c>/EFI</c> (shim,
/// GRUB, MokManager, the unified xen.efi, the certificate), and <c>/XenDemoCD</c>
/// (root.tar.gz, this build system, Builder, VERSION and the settings a rebuild reuses).
/// </summary>
public sealed record CdContent
{
    /// <summary>UsrLayout's archive of the running system's <c>/usr</c>.</summary>
    public required string UsrArchive { get; init; }

    /// <summary>The kernel's <c>lib/modules/RELEASE</c> directory.</summary>
    public required string Modules { get; init; }
    public required string KernelRelease { get; init; }
    public required string Kernel { get; init; }
    public required string KernelConfig { get; init; }
    public required string Xen { get; init; }
    public required string Initrd { get; init; }

    /// <summary>BootLoader's tree, holding <c>boot/grub</c> and <c>EFI</c>.</summary>
    public required string BootLoaderTree { get; init; }

    /// <summary>
    /// With <c>--secure-boot</c>: SecureBoot's tree, holding <c>EFI</c> and the ESP image
    /// <c>boot/grub/efi.img</c>, which replace BootLoader's; else null.
    /// </summary>
    public string? SecureBootTree { get; init; }

    /// <summary>With <c>--secure-boot</c>: Xen as an EFI application without debug sections (<c>/boot/xen.efi</c>).</summary>
    public string? XenEfi { get; init; }

    /// <summary>GRUB's boot.img, the MBR of the image as a USB stick.</summary>
    public required string HybridMbr { get; init; }
    public required string RootTarball { get; init; }

    /// <summary>The build system's root and its files (relative paths) the CD carries.</summary>
    public required string BuildSystemRoot { get; init; }
    public required IReadOnlyList<string> BuildSystemFiles { get; init; }
    public required string VersionId { get; init; }
    public required string Builder { get; init; }

    /// <summary><c>/XenDemoCD/build-settings.json</c>.</summary>
    public required string SettingsJson { get; init; }

    /// <summary>SOURCE_DATE_EPOCH: every file's time and the volume's.</summary>
    public required DateTimeOffset Time { get; init; }
}

/// <summary>Puts a <see cref="CdContent"/> together as an ISO tree and writes the hybrid image.</summary>
public static class CdImage
{
    public static IsoTree Tree(CdContent content)
    {
        var time = content.Time;
        var tree = new IsoTree();
        tree.DefaultDirectoryMetadata = new PosixMetadata
        {
            Permissions = 0b111_101_101,
            ModificationTime = time,
        };
        tree.AddDirectory("/", tree.DefaultDirectoryMetadata);

        // The CD is /usr of the running system.
        CdTree.Add(tree, RootTarReader.Read(content.UsrArchive).Nodes);
        tree.AddFromDisk(
            content.Modules,
            $"/lib/modules/{content.KernelRelease}",
            new DiskImportOptions { Uid = 0, Gid = 0 }
        );

        CdTree.AddBuildFile(tree, "/boot/xen.gz", content.Xen, time);
        CdTree.AddBuildFile(tree, CdLayout.Kernel, content.Kernel, time);
        CdTree.AddBuildFile(
            tree,
            $"/boot/config-{content.KernelRelease}",
            content.KernelConfig,
            time
        );
        CdTree.AddBuildFile(tree, "/boot/initrd.img", content.Initrd, time);
        // Each boot-loader directory at its own path: importing the tree at "/" would replace
        // /boot, and with it the files above.
        tree.AddFromDisk(
            Path.Combine(content.BootLoaderTree, "boot/grub"),
            "/boot/grub",
            new DiskImportOptions { Uid = 0, Gid = 0 }
        );
        if (content.SecureBootTree is { } secureBoot && content.XenEfi is { } xenEfi)
        {
            CdTree.AddBuildFile(tree, "/boot/xen.efi", xenEfi, time);
            tree.AddFromDisk(
                Path.Combine(secureBoot, "EFI"),
                "/EFI",
                new DiskImportOptions { Uid = 0, Gid = 0 }
            );
            // Replaces BootLoader's ESP, imported with boot/grub above.
            tree.Remove("/" + CdLayout.EfiBootImage);
            CdTree.AddBuildFile(
                tree,
                "/" + CdLayout.EfiBootImage,
                Path.Combine(secureBoot, CdLayout.EfiBootImage),
                time
            );
        }
        else
        {
            tree.AddFromDisk(
                Path.Combine(content.BootLoaderTree, "EFI"),
                "/EFI",
                new DiskImportOptions { Uid = 0, Gid = 0 }
            );
        }

        CdTree.AddBuildFile(tree, "/XenDemoCD/root.tar.gz", content.RootTarball, time);
        CdTree.AddText(tree, "/XenDemoCD/VERSION", content.VersionId + "\n", time);
        CdTree.AddText(tree, "/XenDemoCD/Builder", content.Builder + "\n", time);
        CdTree.AddText(tree, "/XenDemoCD/build-settings.json", content.SettingsJson, time);
        AddBuildSystem(tree, content);
        return tree;
    }

    /// <summary>Writes the image: BIOS and UEFI El Torito entries and GRUB's hybrid MBR/GPT.</summary>
    public static long Write(
        IsoTree tree,
        CdContent content,
        string iso,
        IProgress<IsoWriteProgress> progress,
        CancellationToken cancellation
    ) =>
        IsoWriter.WriteFile(
            tree,
            new IsoImageOptions
            {
                Timestamp = content.Time,
                VolumeId = CdLayout.VolumeId,
                PublisherId = "XENDEMOCD",
                DataPreparerId = content.Builder,
                ApplicationId = "XENDEMOCD BUILD SYSTEM " + content.VersionId,
                Boot = new ElToritoOptions
                {
                    BiosImage = CdLayout.BiosBootImage,
                    EfiImage = CdLayout.EfiBootImage,
                },
                Hybrid = new GrubHybridOptions
                {
                    MbrTemplate = File.ReadAllBytes(content.HybridMbr),
                },
            },
            iso,
            progress,
            cancellation
        );

    private static void AddBuildSystem(IsoTree tree, CdContent content)
    {
        foreach (var file in content.BuildSystemFiles)
        {
            var onDisk = new FileInfo(Path.Combine(content.BuildSystemRoot, file));
            if (onDisk.LinkTarget is { } target)
            {
                // rootpatch/ holds symlinks (e.g. enabled systemd units) that must stay links.
                tree.AddSymlink(
                    "/XenDemoCD/build/" + file,
                    target,
                    new PosixMetadata
                    {
                        Permissions = 0b111_111_111,
                        ModificationTime = content.Time,
                    }
                );
                continue;
            }
            var executable =
                !OperatingSystem.IsWindows()
                && (onDisk.UnixFileMode & UnixFileMode.UserExecute) != 0;
            tree.AddFile(
                "/XenDemoCD/build/" + file,
                FileContent.FromFile(Path.Combine(content.BuildSystemRoot, file)),
                new PosixMetadata
                {
                    Permissions = executable ? 0b111_101_101u : 0b110_100_100u,
                    ModificationTime = content.Time,
                }
            );
        }
    }
}
