using System.Text;
using XenDemoCD.Cpio.Tests.Support;

namespace XenDemoCD.Cpio.Tests.Writer;

/// <summary>The writer's bytes against what the kernel's initramfs unpacker expects.</summary>
public sealed class KernelFormatTests
{
    [Fact]
    public void The_kernel_unpacks_every_entry_with_its_metadata_and_data()
    {
        var nodes = KernelUnpackRules.Unpack(SampleArchive.Bytes());

        Assert.Equal(SampleArchive.Big, nodes["bin/busybox"].Data);
        Assert.Equal(0x1EDu, nodes["bin/busybox"].Mode);
        Assert.Equal("busybox", nodes["bin/sh"].Target);
        Assert.Equal(("directory", 0x3FFu), (nodes["tmp"].Type, nodes["tmp"].Mode));
        Assert.Equal(
            (1000u, 100u),
            (nodes["home/user/notes.txt"].Uid, nodes["home/user/notes.txt"].Gid)
        );
        Assert.Equal(
            ("char", 5u, 1u),
            (nodes["dev/console"].Type, nodes["dev/console"].RMajor, nodes["dev/console"].RMinor)
        );
        Assert.Equal(
            ("block", 11u, 0u),
            (nodes["dev/sr0"].Type, nodes["dev/sr0"].RMajor, nodes["dev/sr0"].RMinor)
        );
        Assert.Equal("fifo", nodes["run/initctl"].Type);
        Assert.Equal("directory", nodes["home"].Type);
        foreach (var name in new[] { "etc/hosts", "etc/hosts.link1", "a-first-link-to-hosts" })
        {
            Assert.Equal("127.0.0.1 localhost\n", Encoding.ASCII.GetString(nodes[name].Data));
        }
        Assert.All(nodes.Values, n => Assert.Equal(1_700_000_000u, n.MTime));
        var archived = new CpioReader(new MemoryStream(SampleArchive.Bytes()))
            .ReadAll()
            .Select(e => e.Entry.Name);
        Assert.Equal(
            archived.Order(StringComparer.Ordinal),
            nodes.Keys.Order(StringComparer.Ordinal)
        );
    }

    [Fact]
    public void Headers_are_newc_with_upper_case_hex_aligned_to_4_bytes_and_end_with_the_trailer()
    {
        var bytes = SampleArchive.Bytes();
        var reader = new CpioReader(new MemoryStream(bytes));
        var offsets = new List<long>();
        while (reader.GetNextEntry() is { } entry)
        {
            offsets.Add(entry.Offset);
        }
        Assert.All(offsets, o => Assert.Equal(0, o % 4));
        Assert.All(
            offsets,
            o => Assert.Equal("070701", Encoding.ASCII.GetString(bytes, (int)o, 6))
        );
        Assert.All(
            offsets,
            o => Assert.Matches("^[0-9A-F]{104}$", Encoding.ASCII.GetString(bytes, (int)o + 6, 104))
        );

        // The last header is the trailer: inode 0, mode 0, one link, no data, then nothing.
        var trailer = Encoding.ASCII.GetString(bytes, bytes.Length - 124, 124);
        Assert.Equal(
            "070701"
                + "00000000"
                + "00000000"
                + "00000000"
                + "00000000"
                + "00000001"
                + "00000000"
                + "00000000"
                + "00000000"
                + "00000000"
                + "00000000"
                + "00000000"
                + "0000000B"
                + "00000000"
                + "TRAILER!!!\0\0\0\0",
            trailer
        );
        Assert.Equal(0, bytes.Length % 4);
    }

    [Fact]
    public void Inodes_count_from_1_in_write_order_and_directories_count_their_subdirectories()
    {
        var entries = new CpioReader(new MemoryStream(SampleArchive.Bytes()))
            .ReadAll()
            .Select(e => e.Entry)
            .ToList();

        var distinct = entries.Select(e => e.Inode).Distinct().ToList();
        Assert.Equal(Enumerable.Range(1, distinct.Count).Select(i => (uint)i), distinct);
        Assert.Equal(2u + 1, entries.Single(e => e.Name == "home").LinkCount);
        Assert.Equal(2u, entries.Single(e => e.Name == "home/user").LinkCount);
        Assert.Equal(1u, entries.Single(e => e.Name == "bin/sh").LinkCount);

        // Sorted with every directory right before its members; hard-link data on the last name.
        var names = entries.Select(e => e.Name).ToList();
        Assert.True(names.IndexOf("bin") < names.IndexOf("bin/busybox"));
        Assert.True(names.IndexOf("bin/sh") < names.IndexOf("bin-x"));
        var hosts = entries
            .Where(e => e.Name is "etc/hosts" or "etc/hosts.link1" or "a-first-link-to-hosts")
            .ToList();
        Assert.Equal(new uint[] { 0, 0, 20 }, hosts.Select(e => e.Size));
        Assert.Equal("etc/hosts.link1", hosts[^1].Name);
    }
}
