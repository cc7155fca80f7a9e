using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Unpacking;

namespace XenDemoCD.Build.Tests.Unpack;

public sealed class UnpackTests : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private string Into => work.Combine("unpacked");

    private string In(params string[] parts) => Path.Combine([Into, .. parts]);

    [Fact]
    public void The_build_directory_has_the_build_system_the_records_prebuilt_files_and_the_root_as_the_running_system_sees_it()
    {
        var result = Unpacker.Unpack(FakeCd.Build(work), Into, restoreOwners: false);

        Assert.True(result.Exact);
        Assert.Equal("#!/bin/sh\necho build\n", File.ReadAllText(In("build.sh")));
        Assert.True((File.GetUnixFileMode(In("build.sh")) & UnixFileMode.UserExecute) != 0);
        Assert.Equal("XenDemoCD motd\n", File.ReadAllText(In("rootpatch", "etc", "motd")));
        Assert.Equal("test-1\n", File.ReadAllText(In("VERSION")));
        Assert.Equal("Test Builder\n", File.ReadAllText(In("Builder")));
        Assert.Equal(FakeCd.Epoch, CdBuildSettings.InRoot(Into)!.SourceDateEpoch);

        // prebuilt/ is KernelImage's layout, plus xen.gz and initrd.img.
        Assert.Equal("xen image", File.ReadAllText(In("prebuilt", "xen.gz")));
        Assert.Equal("linux image", File.ReadAllText(In("prebuilt", "vmlinuz")));
        Assert.Equal("initrd", File.ReadAllText(In("prebuilt", "initrd.img")));
        Assert.Equal("CONFIG_XEN=y\n", File.ReadAllText(In("prebuilt", "config")));
        Assert.Equal(FakeCd.Release + "\n", File.ReadAllText(In("prebuilt", "release")));
        Assert.True(
            File.Exists(
                In(
                    "prebuilt",
                    "modules",
                    "lib",
                    "modules",
                    FakeCd.Release,
                    "kernel",
                    "xen-blkfront.ko"
                )
            )
        );

        // root/: root.tar.gz with the CD's /usr, without what the mastering added.
        Assert.Equal("stock motd\n", File.ReadAllText(In("root", "etc", "motd")));
        Assert.Equal("usr/bin", new FileInfo(In("root", "bin")).LinkTarget);
        Assert.Equal(
            "/usr/root/etc/ssh/moduli",
            new FileInfo(In("root", "etc", "ssh", "moduli")).LinkTarget
        );
        Assert.Equal(3000, new FileInfo(In("root", "usr", "root", "etc", "ssh", "moduli")).Length);
        Assert.False(File.Exists(In("root", "etc", "ssh", "ssh_host_rsa_key")));
        Assert.Equal(
            (UnixFileMode)0b100_111_101_101,
            File.GetUnixFileMode(In("root", "usr", "bin", "su"))
        );
        Assert.Equal(
            UnixCalls.LStat(In("root", "usr", "bin", "perl")).Inode,
            UnixCalls.LStat(In("root", "usr", "bin", "perl5.36")).Inode
        );
        Assert.Equal(
            FakeCd.Epoch - 50,
            UnixCalls.LStat(In("root", "usr", "share", "doc", "big.txt")).ModificationTime
        );
        Assert.True(Directory.Exists(In("root", "usr", "boot")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(In("root", "usr", "boot")));
        Assert.False(Directory.Exists(In("root", "usr", "XenDemoCD")));
        Assert.False(File.Exists(In("root", "usr", "boot.catalog")));
        Assert.False(Directory.Exists(In("root", "usr", "EFI")));
        Assert.False(Directory.Exists(In("root", "usr", "lib", "modules", FakeCd.Release)));
        Assert.False(Directory.Exists(In(".unpack-work")));

        // The side table keeps what a user cannot make: owners and devices.
        var table = RootMetadataTable.Read(In(RootMetadataTable.FileName));
        Assert.Equal(
            ("0640", 0, 42),
            (table["etc/shadow"].Mode, table["etc/shadow"].Uid, table["etc/shadow"].Gid)
        );
        Assert.Equal(("2755", 101), (table["usr/bin/crontab"].Mode, table["usr/bin/crontab"].Gid));
        Assert.Equal(
            ("chardevice", 5, 1),
            (table["dev/console"].Kind, table["dev/console"].Major, table["dev/console"].Minor)
        );
        Assert.Equal("usr/bin/perl", table["usr/bin/perl5.36"].Link);
        Assert.Equal("1777", table["tmp"].Mode);
        Assert.Equal(table.Count, result.RootEntries);
    }

    [Fact]
    public void As_root_owners_modes_and_devices_are_restored_exactly()
    {
        if (!UnixCalls.IsRoot)
        {
            return; // covered by the side table above; run the suite as root to see this one
        }
        var result = Unpacker.Unpack(FakeCd.Build(work), Into);

        Assert.True(result.OwnersRestored);
        var shadow = UnixCalls.LStat(In("root", "etc", "shadow"));
        Assert.Equal(
            (0u, 42u, (UnixFileMode)0b110_100_000),
            (shadow.Uid, shadow.Gid, shadow.Permissions)
        );
        var crontab = UnixCalls.LStat(In("root", "usr", "bin", "crontab"));
        Assert.Equal((101u, (UnixFileMode)0b010_111_101_101), (crontab.Gid, crontab.Permissions));
        Assert.Equal(
            (1000u, 1000u),
            (
                UnixCalls.LStat(In("root", "usr", "share", "doc", "big.txt")).Uid,
                UnixCalls.LStat(In("root", "usr", "share", "doc", "big.txt")).Gid
            )
        );
        if (result.NotOnDisk.Count == 0)
        {
            var console = UnixCalls.LStat(In("root", "dev", "console"));
            Assert.Equal(
                (0x2000u, 5u, 1u, 5u),
                (console.TypeBits, console.RdevMajor, console.RdevMinor, console.Gid)
            );
        }
    }

    [Fact]
    public void The_rebuild_reads_root_and_the_side_table_back_into_a_tree_that_the_layout_splits_exactly_as_before()
    {
        Unpacker.Unpack(FakeCd.Build(work), Into, restoreOwners: false);

        var reread = UnpackedRoot.Read(Into);
        var (root, usr) = FakeCd.Split(reread);
        var (expectedRoot, expectedUsr) = FakeCd.Split(FakeCd.FullRoot());
        // Directories that hold the mastering's files exist on the CD, so they are part of the
        // root tree now: /usr/boot (the /boot link's target) and /usr/lib/modules (its parent was
        // made by the ISO tree). The rebuild's usr.tar carries them, so the ISO is the same.
        expectedUsr.Set(RootNode.Directory("boot", FakeCd.Epoch - 100));
        expectedUsr.Set(RootNode.Directory("lib/modules", FakeCd.Epoch));
        AssertSameEntries(expectedRoot, root);
        AssertSameEntries(expectedUsr, usr);
    }

    [Fact]
    public void A_changed_file_in_root_reaches_the_rebuilt_tree()
    {
        Unpacker.Unpack(FakeCd.Build(work), Into, restoreOwners: false);
        File.WriteAllText(In("root", "etc", "motd"), "changed\n");
        File.WriteAllText(In("root", "etc", "added"), "new\n");
        File.Delete(In("root", "root", ".profile"));

        var reread = UnpackedRoot.Read(Into);

        Assert.Equal("changed\n", Text(reread["etc/motd"]!));
        Assert.Equal((0, 0), (reread["etc/added"]!.Uid, reread["etc/added"]!.Gid));
        Assert.False(reread.Contains("root/.profile"));
        Assert.Equal((0, 42), (reread["etc/shadow"]!.Uid, reread["etc/shadow"]!.Gid));
        Assert.Equal(NodeKind.CharDevice, reread["dev/console"]!.Kind);
    }

    private static void AssertSameEntries(RootTree expected, RootTree actual)
    {
        Assert.Equal(expected.Nodes.Select(n => n.Path), actual.Nodes.Select(n => n.Path));
        foreach (var node in expected.Nodes)
        {
            var other = actual[node.Path]!;
            Assert.Equal(
                (
                    node.Path,
                    node.Kind,
                    node.Mode,
                    node.Uid,
                    node.Gid,
                    node.MTime,
                    node.LinkTarget,
                    node.DevMajor,
                    node.DevMinor
                ),
                (
                    other.Path,
                    other.Kind,
                    other.Mode,
                    other.Uid,
                    other.Gid,
                    other.MTime,
                    other.LinkTarget,
                    other.DevMajor,
                    other.DevMinor
                )
            );
            if (node.Content is not null)
            {
                Assert.Equal(Text(node), Text(other));
            }
        }
    }

    private static string Text(RootNode node)
    {
        using var stream = node.Content!.Open();
        return new StreamReader(stream).ReadToEnd();
    }
}
