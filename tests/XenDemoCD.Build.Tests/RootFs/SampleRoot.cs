using System.Text;
using XenDemoCD.Build.RootFs;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>A small root with one of every kind of entry, owners and modes a non-root build cannot make on disk.</summary>
public static class SampleRoot
{
    public const long Epoch = 1700000000;

    public static RootTree Create()
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
        tree.Set(RootNode.File("etc/hostname", Bytes("debian\n"), Epoch + 1_000_000));
        tree.Set(RootNode.Directory("usr", Epoch));
        tree.Set(RootNode.Directory("usr/bin", Epoch));
        tree.Set(
            RootNode.File(
                "usr/bin/su",
                Bytes("#!/bin/sh\n"),
                Epoch,
                (UnixFileMode)0b100_111_101_101
            )
        );
        tree.Set(
            RootNode.File(
                "usr/bin/perl",
                Bytes(new string('p', 1300)),
                Epoch,
                (UnixFileMode)0b111_101_101
            )
        );
        tree.Set(
            new RootNode(
                "usr/bin/a-perl-link",
                NodeKind.HardLink,
                (UnixFileMode)0b111_101_101,
                0,
                0,
                Epoch,
                "usr/bin/perl"
            )
        );
        tree.Set(RootNode.Symlink("bin", "usr/bin", Epoch));
        tree.Set(RootNode.Directory("dev", Epoch));
        tree.Set(
            new RootNode(
                "dev/null",
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
            new RootNode(
                "dev/loop0",
                NodeKind.BlockDevice,
                (UnixFileMode)0b110_110_000,
                0,
                6,
                Epoch,
                DevMajor: 7,
                DevMinor: 0
            )
        );
        tree.Set(
            new RootNode("dev/initctl", NodeKind.Fifo, (UnixFileMode)0b110_000_000, 0, 0, Epoch)
        );
        tree.Set(RootNode.Directory("tmp", Epoch, (UnixFileMode)0b1_111_111_111));
        tree.Set(
            RootNode.File(
                "var/lib/very/" + new string('x', 120) + "/deep.txt",
                Bytes("deep"),
                Epoch
            )
        );
        tree.AddMissingParents(Epoch);
        return tree;
    }

    public static InlineBytes Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    public static string Text(RootNode node)
    {
        using var stream = node.Content!.Open();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
