using System.Text;
using XenDemoCD.Build.Cd;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Tests.Unpack;

/// <summary>
/// A small XenDemoCD made the way MasterIso makes the real one: a full root split by the
/// repository's usr-layout/layout.conf into root.tar.gz and the CD's /usr, plus the built files,
/// the build system and the records under /XenDemoCD.
/// </summary>
public static class FakeCd
{
    public const long Epoch = 1700000000;
    public const string Release = "6.1.0-test-amd64";

    public static RootTree FullRoot()
    {
        var tree = new RootTree();
        tree.Set(RootNode.Directory("etc", Epoch));
        tree.Set(
            RootNode.File(
                "etc/shadow",
                Bytes("root:*:19000:0:99999:7:::\n"),
                Epoch - 10,
                (UnixFileMode)0b110_100_000,
                0,
                42
            )
        );
        tree.Set(RootNode.File("etc/motd", Bytes("stock motd\n"), Epoch - 5));
        tree.Set(RootNode.File("etc/ssh/moduli", Bytes(new string('m', 3000)), Epoch - 20));
        tree.Set(
            RootNode.File(
                "etc/ssh/ssh_host_rsa_key",
                Bytes("secret"),
                Epoch,
                (UnixFileMode)0b110_000_000
            )
        );
        tree.Set(RootNode.Directory("boot", Epoch - 100));
        tree.Set(RootNode.Directory("usr", Epoch));
        tree.Set(
            RootNode.File(
                "usr/bin/su",
                Bytes("#!/bin/sh\necho su\n"),
                Epoch - 30,
                (UnixFileMode)0b100_111_101_101
            )
        );
        tree.Set(
            RootNode.File(
                "usr/bin/crontab",
                Bytes("crontab"),
                Epoch - 30,
                (UnixFileMode)0b010_111_101_101,
                0,
                101
            )
        );
        tree.Set(
            RootNode.File(
                "usr/bin/perl",
                Bytes(new string('p', 5000)),
                Epoch - 40,
                (UnixFileMode)0b111_101_101
            )
        );
        tree.Set(
            new RootNode(
                "usr/bin/perl5.36",
                NodeKind.HardLink,
                (UnixFileMode)0b111_101_101,
                0,
                0,
                Epoch - 40,
                "usr/bin/perl"
            )
        );
        tree.Set(RootNode.Symlink("usr/bin/vi", "/etc/alternatives/vi", Epoch));
        tree.Set(RootNode.Symlink("usr/lib/os-release", "../../etc/os-release", Epoch));
        tree.Set(
            new RootNode(
                "usr/lib/udev/devices/null",
                NodeKind.CharDevice,
                (UnixFileMode)0b110_110_110,
                0,
                0,
                Epoch,
                DevMajor: 1,
                DevMinor: 3
            )
        );
        tree.Set(
            RootNode.File(
                "usr/share/doc/big.txt",
                Bytes(new string('d', 70_000)),
                Epoch - 50,
                uid: 1000,
                gid: 1000
            )
        );
        tree.Set(RootNode.Symlink("bin", "usr/bin", Epoch));
        tree.Set(RootNode.Directory("dev", Epoch));
        tree.Set(
            new RootNode(
                "dev/console",
                NodeKind.CharDevice,
                (UnixFileMode)0b110_000_000,
                0,
                5,
                Epoch,
                DevMajor: 5,
                DevMinor: 1
            )
        );
        tree.Set(
            new RootNode("dev/initctl", NodeKind.Fifo, (UnixFileMode)0b110_000_000, 0, 0, Epoch)
        );
        tree.Set(RootNode.Directory("tmp", Epoch, (UnixFileMode)0b1_111_111_111));
        tree.Set(RootNode.Directory("proc", Epoch, (UnixFileMode)0b101_101_101));
        tree.Set(
            RootNode.File(
                "root/.profile",
                Bytes("PS1='# '\n"),
                Epoch - 60,
                (UnixFileMode)0b110_000_000
            )
        );
        tree.AddMissingParents(Epoch);
        return tree;
    }

    /// <summary>The split the real UsrLayout makes: (root.tar's tree, usr.tar's tree).</summary>
    public static (RootTree Root, RootTree Usr) Split(RootTree full) =>
        Split(full, Path.Combine(RepositoryRoot.Path, "usr-layout", "layout.conf"));

    public static (RootTree Root, RootTree Usr) Split(RootTree full, string rules)
    {
        // A sample root holds only some of the files the real rules move and drop.
        var (root, cd, _) = UsrLayoutRules.Load(rules).Apply(full, Epoch, requireMatches: false);
        return (root, cd);
    }

    /// <summary>Masters the CD; <paramref name="tamper"/> changes the ISO tree, <paramref name="rootTar"/> replaces root.tar.gz.</summary>
    public static string Build(
        TempDirectory directory,
        Action<IsoTree>? tamper = null,
        byte[]? rootTar = null
    )
    {
        var (root, usr) = Split(FullRoot());
        var time = DateTimeOffset.FromUnixTimeSeconds(Epoch);
        var tree = new IsoTree
        {
            DefaultDirectoryMetadata = new PosixMetadata
            {
                Permissions = 0b111_101_101,
                ModificationTime = time,
            },
        };
        tree.AddDirectory("/", tree.DefaultDirectoryMetadata);
        CdTree.Add(tree, usr.Nodes);
        CdTree.AddText(tree, $"/lib/modules/{Release}/kernel/xen-blkfront.ko", "module", time);
        CdTree.AddText(
            tree,
            $"/lib/modules/{Release}/modules.dep",
            "kernel/xen-blkfront.ko:\n",
            time
        );
        CdTree.AddText(tree, "/boot/xen.gz", "xen image", time);
        CdTree.AddText(tree, "/boot/vmlinuz", "linux image", time);
        CdTree.AddText(tree, $"/boot/config-{Release}", "CONFIG_XEN=y\n", time);
        CdTree.AddText(tree, "/boot/initrd.img", "initrd", time);
        CdTree.AddText(tree, "/boot/grub/grub.cfg", "menuentry x {}\n", time);
        CdTree.AddText(tree, "/EFI/BOOT/BOOTX64.EFI", "efi", time);
        CdTree.AddText(tree, "/boot/grub/i386-pc/eltorito.img", new string('g', 4096), time);

        var tar = rootTar ?? RootTarGz(root);
        tree.AddFile(
            "/XenDemoCD/root.tar.gz",
            FileContent.FromBytes(tar),
            new PosixMetadata { Permissions = 0b110_100_100, ModificationTime = time }
        );
        CdTree.AddText(tree, "/XenDemoCD/VERSION", "test-1\n", time);
        CdTree.AddText(tree, "/XenDemoCD/Builder", "Test Builder\n", time);
        CdTree.AddText(
            tree,
            "/XenDemoCD/build-settings.json",
            $$"""{"sourceDateEpoch":"{{Epoch}}","versionId":"test-1","builder":"Test Builder","kernel":"debian","hypervisor":"debian","kernelRelease":"{{Release}}"}""",
            time
        );
        tree.AddFile(
            "/XenDemoCD/build/build.sh",
            FileContent.FromBytes(Encoding.UTF8.GetBytes("#!/bin/sh\necho build\n")),
            new PosixMetadata { Permissions = 0b111_101_101, ModificationTime = time }
        );
        CdTree.AddText(tree, "/XenDemoCD/build/build/Program.cs", "// the host\n", time);
        CdTree.AddText(tree, "/XenDemoCD/build/rootpatch/etc/motd", "XenDemoCD motd\n", time);
        tamper?.Invoke(tree);

        var iso = directory.Combine("xendemo-test.iso");
        IsoWriter.WriteFile(
            tree,
            new IsoImageOptions
            {
                Timestamp = time,
                VolumeId = "XENDEMOCD",
                Boot = new ElToritoOptions { BiosImage = "boot/grub/i386-pc/eltorito.img" },
            },
            iso
        );
        return iso;
    }

    public static byte[] RootTarGz(RootTree root)
    {
        using var memory = new MemoryStream();
        using (
            var gzip = new System.IO.Compression.GZipStream(
                memory,
                System.IO.Compression.CompressionLevel.Fastest,
                leaveOpen: true
            )
        )
        {
            RootTarWriter.Write(root.Nodes, gzip, Epoch);
        }
        return memory.ToArray();
    }

    public static InlineBytes Bytes(string text) => new(Encoding.UTF8.GetBytes(text));
}
