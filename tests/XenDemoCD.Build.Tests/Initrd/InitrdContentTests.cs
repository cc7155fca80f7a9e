using System.Security.Cryptography;
using System.Text;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Cpio;

namespace XenDemoCD.Build.Tests.Initrd;

/// <summary>What the initrd for Debian's (modular) kernel holds, and that it is reproducible.</summary>
[Collection(InitrdCollection.Name)]
[Trait("Category", "Integration")]
public sealed class InitrdContentTests(InitrdBuild build)
{
    private const string Release = "6.12.117+deb13-amd64";

    [Fact]
    public void It_holds_busybox_with_its_applets_linuxrc_and_a_regular_init()
    {
        var entries = build.Entries();

        var busybox = entries["bin/busybox"].Entry;
        Assert.Equal(
            (CpioEntryKind.RegularFile, (UnixFileMode)0b111_101_101),
            (busybox.Kind, busybox.Permissions)
        );
        foreach (
            var applet in new[]
            {
                "bin/sh",
                "sbin/switch_root",
                "sbin/modprobe",
                "bin/mount",
                "bin/tar",
                "bin/cttyhack",
            }
        )
        {
            Assert.Equal("/bin/busybox", entries[applet].Entry.LinkTarget);
        }

        // busybox's switch_root refuses to run unless /init is a regular file: it is linuxrc
        // under a second name, and busybox's own "linuxrc" applet did not replace the script.
        var (linuxrc, init) = (entries["linuxrc"].Entry, entries["init"].Entry);
        Assert.Equal(CpioEntryKind.RegularFile, init.Kind);
        Assert.Equal(CpioEntryKind.RegularFile, linuxrc.Kind);
        Assert.Equal(linuxrc.Inode, init.Inode);
        Assert.Equal(2u, init.LinkCount);
        Assert.Equal((UnixFileMode)0b111_101_101, init.Permissions);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "irtree", "linuxrc")),
            entries["init"].Data.Concat(entries["linuxrc"].Data).ToArray()
        );

        Assert.Equal(
            (CpioEntryKind.CharacterDevice, 5u, 1u),
            (
                entries["dev/console"].Entry.Kind,
                entries["dev/console"].Entry.RDevMajor,
                entries["dev/console"].Entry.RDevMinor
            )
        );
        Assert.Equal((UnixFileMode)0b1_111_111_111, entries["tmp"].Entry.Permissions);
        foreach (var directory in new[] { "proc", "sys", "newroot", "cdrom", "mnt" })
        {
            Assert.Equal(CpioEntryKind.Directory, entries[directory].Entry.Kind);
        }
        Assert.DoesNotContain(
            entries.Keys,
            name =>
                name.EndsWith(".keep", StringComparison.Ordinal)
                || name is "busybox.json" or "modules.list" or "README.md"
        );
    }

    [Fact]
    public void The_drivers_that_reach_the_CD_are_there_with_every_module_they_depend_on()
    {
        var entries = build.Entries();
        var root = $"lib/modules/{Release}/";
        var dep = Encoding
            .UTF8.GetString(entries[root + "modules.dep"].Data)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':'))
            .ToDictionary(
                parts => parts[0],
                parts => parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            );

        // Every line of modules.dep names files the initrd has: busybox's modprobe can resolve them.
        Assert.All(
            dep,
            line =>
            {
                Assert.Contains(root + line.Key, entries.Keys);
                Assert.All(line.Value, d => Assert.Contains(root + d, entries.Keys));
            }
        );
        var names = dep.Keys.Select(f => Path.GetFileName(f)[..^3].Replace('-', '_')).ToHashSet();
        // A driver Debian builds into the kernel (6.12: virtio_pci) is there as well: the
        // kernel has it from the start, and modules.builtin says so to modprobe.
        var builtin = Encoding
            .UTF8.GetString(entries[root + "modules.builtin"].Data)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => Path.GetFileName(f)[..^3].Replace('-', '_'))
            .ToHashSet();
        foreach (
            var module in new[]
            {
                "cdrom",
                "sr_mod",
                "isofs",
                "ahci",
                "ata_piix",
                "usb_storage",
                "uas",
                "xhci_pci",
                "ehci_pci",
                "virtio_pci",
                "virtio_blk",
                "virtio_scsi",
                "xen_blkfront",
                "nvme",
                "sd_mod",
                "loop",
                "squashfs",
                "overlay",
                "scsi_mod",
                "libata",
                "usbcore",
            }
        )
        {
            Assert.True(
                names.Contains(module) || builtin.Contains(module),
                $"{module} is neither a module of the initrd nor built in"
            );
        }
        Assert.All(dep.Keys, f => Assert.EndsWith(".ko", f));

        // linuxrc loads these, each one a module modules.dep knows.
        var load = Encoding
            .UTF8.GetString(entries["etc/modules-initrd"].Data)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .ToList();
        Assert.Contains("sr_mod", load);
        Assert.Contains("isofs", load);
        Assert.All(load, m => Assert.Contains(m, names));
    }

    [Fact]
    public void Every_entry_is_root_owned_and_stamped_with_the_source_date()
    {
        var entries = build.Entries();
        Assert.All(entries.Values, e => Assert.Equal((0u, 0u), (e.Entry.Uid, e.Entry.Gid)));
        Assert.All(
            entries.Values,
            e => Assert.Equal(1_700_000_000, e.Entry.ModificationTime.ToUnixTimeSeconds())
        );
        var inodes = entries.Values.Select(e => e.Entry.Inode).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, inodes.Count).Select(i => (uint)i), inodes);
    }

    [Fact]
    public async Task Linuxrc_is_valid_busybox_sh()
    {
        var (exitCode, output) = await ProcessRun.RunAsync(
            build.Busybox,
            ["sh", "-n", Path.Combine(RepositoryRoot.Path, "irtree", "linuxrc")],
            RepositoryRoot.Path
        );
        Assert.True(exitCode == 0, $"busybox sh -n irtree/linuxrc:\n{output}");
    }

    [Fact]
    public async Task Unchanged_inputs_are_up_to_date_and_a_forced_rebuild_gives_the_same_bytes()
    {
        var before = SHA256.HashData(File.ReadAllBytes(build.Image));
        Assert.Matches(@"Initrd\s+\S+\s+Up to date", await build.BuildAsync());
        var forced = await build.BuildAsync("--force=Initrd");
        Assert.Contains("Initrd", forced);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(build.Image)));
    }
}
