using System.IO.Compression;
using System.Text;
using XenDemoCD.Cpio.Tests.Support;

namespace XenDemoCD.Cpio.Tests.Reader;

/// <summary>What the writer writes, the reader reads back: every field of every kind of entry.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Every_entry_comes_back_with_its_kind_mode_owner_device_target_and_data()
    {
        var entries = new CpioReader(new MemoryStream(SampleArchive.Bytes()))
            .ReadAll()
            .ToDictionary(e => e.Entry.Name);

        var busybox = entries["bin/busybox"];
        Assert.Equal(
            (CpioEntryKind.RegularFile, SampleArchive.Mode("755"), 200_003u),
            (busybox.Entry.Kind, busybox.Entry.Permissions, busybox.Entry.Size)
        );
        Assert.Equal(SampleArchive.Big, busybox.Data);
        Assert.Equal(SampleArchive.Time, busybox.Entry.ModificationTime);
        Assert.Equal("/bin/busybox", entries["bin/abs"].Entry.LinkTarget);
        Assert.Equal(CpioEntryKind.SymbolicLink, entries["bin/abs"].Entry.Kind);
        Assert.Equal(SampleArchive.Mode("1777"), entries["tmp"].Entry.Permissions);
        Assert.Equal(
            (1000u, 100u),
            (entries["home/user"].Entry.Uid, entries["home/user"].Entry.Gid)
        );
        Assert.Equal(
            (CpioEntryKind.BlockDevice, 11u, 0u, 24u),
            (
                entries["dev/sr0"].Entry.Kind,
                entries["dev/sr0"].Entry.RDevMajor,
                entries["dev/sr0"].Entry.RDevMinor,
                entries["dev/sr0"].Entry.Gid
            )
        );
        Assert.Equal(CpioEntryKind.Fifo, entries["run/initctl"].Entry.Kind);
        Assert.Equal("utf-8\n", Encoding.UTF8.GetString(entries["ünïcödé-name"].Data));
        Assert.Equal(SampleArchive.Mode("4755"), entries["sbin/su"].Entry.Permissions);
        Assert.Empty(entries["empty"].Data);
    }

    [Fact]
    public void A_gzip_stream_that_cannot_seek_is_read_and_unread_data_is_skipped()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            SampleArchive.Create().WriteTo(gzip, SampleArchive.Time);
        }
        compressed.Position = 0;
        using var input = new GZipStream(compressed, CompressionMode.Decompress);
        var reader = new CpioReader(input);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
            if (entry.Name == "bin/busybox")
            {
                // Half read: the reader must skip the rest itself.
                Assert.Equal(1000, entry.DataStream!.Read(new byte[1000], 0, 1000));
            }
        }
        Assert.Contains("ünïcödé-name", names);
        Assert.Null(reader.GetNextEntry());
    }
}
