using System.Text;

namespace XenDemoCD.Iso9660.Tests.Support;

/// <summary>
/// A tree with every entry type and the names that break naive writers: long, unicode,
/// case collisions, names that map to the same ISO identifier, deep nesting with a path
/// longer than 255 bytes, long symlink targets, hard links, devices, and many entries.
/// </summary>
public static class AwkwardTree
{
    public static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static string DeepPath { get; } =
        string.Join(
            '/',
            Enumerable.Range(1, 12).Select(i => $"level{i:00}-" + new string('d', 22))
        );

    public static string LongName { get; } = new string('L', 120) + "-" + new string('n', 130); // 251 bytes

    public static string LongTarget { get; } =
        string.Join('/', Enumerable.Range(0, 30).Select(i => $"../component{i:00}")) + "/end";

    public static PosixMetadata Meta(
        uint permissions,
        uint uid = 0,
        uint gid = 0,
        int minutes = 0
    ) =>
        new()
        {
            Permissions = permissions,
            Uid = uid,
            Gid = gid,
            ModificationTime = Epoch.AddMinutes(-minutes),
            AccessTime = Epoch.AddMinutes(-minutes - 1),
            ChangeTime = Epoch.AddMinutes(-minutes - 2),
        };

    /// <summary>Incompressible but reproducible bytes.</summary>
    public static byte[] Seeded(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static IsoTree Build(int manyEntries = 1500)
    {
        var tree = new IsoTree { DefaultDirectoryMetadata = Meta(0x1ED, minutes: 1) };
        tree.Root.Metadata = Meta(0x1ED);
        tree.AddFile(
            "plain.txt",
            FileContent.FromBytes(Text("plain\n")),
            Meta(0x1A4, 1000, 100, 5)
        );
        tree.AddFile(LongName, FileContent.FromBytes(Text("long name\n")), Meta(0x1A4, minutes: 6));
        tree.AddFile(
            "Üñíçødé-日本語.txt",
            FileContent.FromBytes(Text("unicode\n")),
            Meta(0x1A4, minutes: 7)
        );
        tree.AddFile(
            "😀 smile.txt",
            FileContent.FromBytes(Text("surrogates\n")),
            Meta(0x1A4, minutes: 8)
        );
        foreach (
            var name in new[]
            {
                "Case",
                "case",
                "CASE",
                "a-b",
                "a_b",
                "a+b",
                "a b;c*d?.txt",
                ".hidden",
                "noext",
                "many.dots.in.name.tar.gz",
            }
        )
        {
            tree.AddFile(name, FileContent.FromBytes(Text(name)), Meta(0x1A4, minutes: 9));
        }
        tree.AddFile("empty", FileContent.FromBytes([]), Meta(0x180, 1, 1, 10));
        tree.AddDirectory("empty-dir", Meta(0x1C0, 2, 2, 11));
        tree.AddFile(
            "modes/setuid",
            FileContent.FromBytes(Text("#!/bin/sh\n")),
            Meta(0x9ED, 0, 0, 12)
        ); // 04755
        tree.AddFile(
            "modes/setgid",
            FileContent.FromBytes(Text("#!/bin/sh\n")),
            Meta(0x5ED, 0, 50, 12)
        ); // 02755
        tree.AddDirectory("modes/sticky", Meta(0x3FF, minutes: 12)); // 01777
        tree.AddFile(
            "modes/nobody",
            FileContent.FromBytes(Text("x")),
            Meta(0x100, 65534, 65534, 12)
        ); // 0400
        var data = new byte[300_000];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (byte)(i % 251 < 40 ? i * 7 : 'a');
        }
        tree.AddFile(
            "data/compressible.bin",
            FileContent.FromBytes(data),
            Meta(0x1A4, minutes: 13)
        ).Zisofs = true;
        tree.AddFile(
            "data/random.bin",
            FileContent.FromBytes(Seeded(70_000)),
            Meta(0x1A4, minutes: 13)
        );
        tree.AddFile(
            "links/original",
            FileContent.FromBytes(Text("shared inode\n")),
            Meta(0x1ED, 7, 8, 14)
        );
        tree.AddHardLink("links/second", "links/original");
        tree.AddHardLink("other/third", "links/original");
        tree.AddSymlink("links/relative", "original", Meta(0x1FF, minutes: 15));
        tree.AddSymlink("links/absolute", "/usr/lib/os-release", Meta(0x1FF, minutes: 15));
        tree.AddSymlink("links/dots", "./../links/./original", Meta(0x1FF, minutes: 15));
        tree.AddSymlink("links/long", LongTarget, Meta(0x1FF, minutes: 15));
        tree.AddSymlink("links/dangling", "does/not/exist", Meta(0x1FF, minutes: 15));
        tree.AddSpecial("dev/null", EntryKind.CharacterDevice, 1, 3, Meta(0x1B6, minutes: 16));
        tree.AddSpecial("dev/sda", EntryKind.BlockDevice, 8, 0, Meta(0x1B0, 0, 6, 16));
        tree.AddSpecial("dev/nvme", EntryKind.BlockDevice, 259, 70000, Meta(0x1B0, 0, 6, 16));
        tree.AddSpecial("dev/fifo", EntryKind.Fifo, metadata: Meta(0x1A4, minutes: 16));
        tree.AddSpecial("dev/socket", EntryKind.Socket, metadata: Meta(0x1ED, minutes: 16));
        tree.AddFile(
            DeepPath + "/bottom.txt",
            FileContent.FromBytes(Text("deep\n")),
            Meta(0x1A4, minutes: 17)
        );
        for (var i = 0; i < manyEntries; i++)
        {
            tree.AddFile(
                $"many/entry-{i:00000}-with-a-longish-name.conf",
                FileContent.FromBytes(Text($"{i}\n")),
                Meta(0x1A4, minutes: 18)
            );
        }
        return tree;
    }

    public static IsoImageOptions Options(bool joliet = true) =>
        new()
        {
            Timestamp = Epoch,
            FileTimes = FileTimePolicy.FromEntries,
            VolumeId = "AWKWARD",
            PublisherId = "XenDemoCD tests",
            ApplicationId = "XenDemoCD.Iso9660",
            Joliet = joliet,
        };

    public static byte[] Write(IsoTree tree, IsoImageOptions options, string path)
    {
        IsoWriter.WriteFile(tree, options, path);
        return File.ReadAllBytes(path);
    }
}
