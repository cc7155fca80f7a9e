using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Unpacking;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Tests.Unpack;

/// <summary>A CD made to write outside the target directory is refused, with the entry and the reason, before anything is written.</summary>
public sealed class HostileCdTests : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private string Into => work.Combine("unpacked");

    private UnpackException Refused(string iso)
    {
        var error = Assert.Throws<UnpackException>(() =>
            Unpacker.Unpack(iso, Into, restoreOwners: false)
        );
        // Nothing written: the target holds no entry, and nothing appeared next to it.
        Assert.True(
            !Directory.Exists(Into) || !Directory.EnumerateFileSystemEntries(Into).Any(),
            "files were written into the target"
        );
        Assert.Equal(
            new[] { Path.GetFileName(iso) },
            Directory
                .EnumerateFileSystemEntries(work.Path)
                .Select(Path.GetFileName)
                .Where(n => n != "unpacked")
                .ToArray()
        );
        return error;
    }

    [Fact]
    public void A_Rock_Ridge_symlink_in_the_build_system_that_climbs_out_is_refused()
    {
        var error = Refused(
            FakeCd.Build(work, t => t.AddSymlink("/XenDemoCD/build/evil", "../../../../../../etc"))
        );
        Assert.Equal("evil", error.Entry);
        Assert.Contains(
            "climbs out of the target directory",
            error.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void A_Rock_Ridge_symlink_in_the_build_system_to_an_absolute_path_is_refused()
    {
        var error = Refused(FakeCd.Build(work, t => t.AddSymlink("/XenDemoCD/build/grub", "/etc")));
        Assert.Contains("absolute path '/etc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rootpatch_symlinks_are_read_inside_the_root_they_patch_but_may_not_climb_out_of_rootpatch()
    {
        var fine = FakeCd.Build(
            work,
            t =>
                t.AddSymlink(
                    "/XenDemoCD/build/rootpatch/etc/systemd/system/multi-user.target.wants/networkd.service",
                    "/lib/systemd/system/systemd-networkd.service"
                )
        );
        Unpacker.Unpack(fine, Into, restoreOwners: false);
        Directory.Delete(Into, recursive: true);
        System.IO.File.Delete(fine);

        var error = Refused(
            FakeCd.Build(
                work,
                t => t.AddSymlink("/XenDemoCD/build/rootpatch/etc/evil", "../../build.sh")
            )
        );
        Assert.Equal("rootpatch/etc/evil", error.Entry);
    }

    [Fact]
    public void A_Rock_Ridge_symlink_in_usr_that_climbs_above_the_root_is_refused()
    {
        var error = Refused(
            FakeCd.Build(work, t => t.AddSymlink("/share/evil", "../../../../../tmp"))
        );
        Assert.Equal("usr/share/evil", error.Entry);
    }

    [Fact]
    public void A_Rock_Ridge_name_of_dot_dot_is_refused()
    {
        var iso = FakeCd.Build(
            work,
            t => t.AddFile("/share/zq", FileContent.FromBytes("x"u8.ToArray()))
        );
        var bytes = File.ReadAllBytes(iso);
        // The NM entry of "zq": 'N' 'M' length 7, version 1, flags 0, then the name.
        var nm = bytes.AsSpan().IndexOf("NM\x07\x01\x00zq"u8);
        Assert.True(nm > 0);
        bytes[nm + 5] = (byte)'.';
        bytes[nm + 6] = (byte)'.';
        File.WriteAllBytes(iso, bytes);

        var error = Refused(iso);
        Assert.Contains("unsafe name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_tar_gz_entry_with_dot_dot_is_refused()
    {
        var error = Refused(
            FakeCd.Build(work, rootTar: Tar(Regular("usr"), Regular("../outside")))
        );
        Assert.Equal("../outside", error.Entry);
        Assert.Contains("'..' component", error.Message, StringComparison.Ordinal);
        Assert.Contains("root.tar.gz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_tar_gz_entry_with_an_absolute_name_is_refused()
    {
        var error = Refused(FakeCd.Build(work, rootTar: Tar(Regular("/etc/cron.d/evil"))));
        Assert.Contains("absolute path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_tar_gz_symlink_followed_by_a_file_through_it_is_refused()
    {
        var link = new GnuTarEntry(TarEntryType.SymbolicLink, "etc") { LinkName = "/tmp" };
        var error = Refused(FakeCd.Build(work, rootTar: Tar(link, Regular("etc/passwd"))));
        Assert.Equal("etc/passwd", error.Entry);
        Assert.Contains("below the symlink 'etc'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_tar_gz_hard_link_to_an_outside_file_is_refused()
    {
        var link = new GnuTarEntry(TarEntryType.HardLink, "etc/shadow2")
        {
            LinkName = "../../etc/shadow",
        };
        var error = Refused(FakeCd.Build(work, rootTar: Tar(link)));
        Assert.Contains("'..' component", error.Message, StringComparison.Ordinal);
    }

    private static GnuTarEntry Regular(string name) =>
        new(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes("owned\n")),
        };

    private static byte[] Tar(params GnuTarEntry[] entries)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Gnu))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }
        return memory.ToArray();
    }
}
