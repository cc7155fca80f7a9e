using System.Security.Cryptography;
using XenDemoCD.Cpio.Tests.Support;

namespace XenDemoCD.Cpio.Tests.Writer;

/// <summary>Same tree, same bytes: whatever the order of adding, the machine or the clock.</summary>
public sealed class ReproducibilityTests
{
    [Fact]
    public void The_same_tree_gives_the_same_bytes_twice()
    {
        Assert.Equal(
            SHA256.HashData(SampleArchive.Bytes()),
            SHA256.HashData(SampleArchive.Bytes())
        );
    }

    [Fact]
    public void The_order_entries_are_added_in_does_not_matter()
    {
        static CpioArchiveBuilder Build(bool reversed)
        {
            var steps = new List<Action<CpioArchiveBuilder>>
            {
                a => a.AddDirectory("etc"),
                a => a.AddFile("etc/a", CpioContent.FromText("a"), SampleArchive.Mode("644")),
                a => a.AddFile("etc/b", CpioContent.FromText("bb"), SampleArchive.Mode("600")),
                a => a.AddHardLink("etc/c", "etc/a"),
                a => a.AddSymbolicLink("bin", "usr/bin"),
                a => a.AddFile("usr/bin/x", CpioContent.FromText("x"), SampleArchive.Mode("755")),
            };
            if (reversed)
            {
                steps.Reverse();
            }
            var archive = new CpioArchiveBuilder();
            steps.ForEach(step => step(archive));
            return archive;
        }

        Assert.Equal(SampleArchive.Bytes(Build(false)), SampleArchive.Bytes(Build(true)));
    }

    [Fact]
    public void Only_the_given_time_is_stamped_and_a_different_time_changes_only_mtime_fields()
    {
        var archive = SampleArchive.Create();
        using var one = new MemoryStream();
        using var other = new MemoryStream();
        archive.WriteTo(one, SampleArchive.Time);
        archive.WriteTo(other, SampleArchive.Time.AddSeconds(1));
        var a = one.ToArray();
        var b = other.ToArray();
        Assert.Equal(a.Length, b.Length);
        var entries = new CpioReader(new MemoryStream(a))
            .ReadAll()
            .Select(e => e.Entry.Offset)
            .ToList();
        var differing = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
        // Each difference lies in some header's c_mtime field (bytes 46..53 of the header).
        Assert.All(differing, i => Assert.Contains(entries, o => i >= o + 46 && i < o + 54));
        Assert.NotEmpty(differing);
    }
}
