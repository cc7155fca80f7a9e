using System.Formats.Tar;
using System.IO.Compression;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Tests.Initrd;

/// <summary>
/// Small CDs for booting the initrd, mastered with our ISO library: the CD is the system's
/// /usr and holds <c>XenDemoCD/root.tar.gz</c>, as the real one does, but its "system" is
/// busybox with an init script that reports what it finds and powers the machine off.
/// </summary>
public static class TestCd
{
    public const string Label = "XENDEMOCD";
    public const string InitDone = "TOY-INIT-DONE";

    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    /// <summary>A CD with the right label but no root.tar.gz: what linuxrc must explain.</summary>
    public static void WriteBroken(string iso)
    {
        var tree = new IsoTree();
        tree.AddFile(
            "XenDemoCD/README",
            FileContent.FromBytes("no root.tar.gz on this CD\n"u8.ToArray())
        );
        IsoWriter.WriteFile(tree, new IsoImageOptions { Timestamp = Time, VolumeId = Label }, iso);
    }

    /// <summary>A CD that boots: busybox and /usr/sbin/init on the CD, a usrmerged root in root.tar.gz.</summary>
    public static void WriteBootable(string iso, string busybox)
    {
        var tree = new IsoTree();
        tree.AddFile("bin/busybox", FileContent.FromFile(busybox), new PosixMetadata());
        tree.AddSymlink("bin/sh", "busybox");
        tree.AddFile("sbin/init", FileContent.FromBytes(ToyInit), new PosixMetadata());
        tree.AddFile("XenDemoCD/root.tar.gz", FileContent.FromBytes(RootTarball()));
        IsoWriter.WriteFile(tree, new IsoImageOptions { Timestamp = Time, VolumeId = Label }, iso);
    }

    /// <summary>Stands in for systemd: says where it runs, then powers off.</summary>
    public static readonly byte[] ToyInit =
        """
        #!/bin/sh
        export PATH=/bin
        echo "TOY-INIT-ARGS: $* (pid $$)"
        busybox cat /proc/mounts | busybox sed 's/^/TOY-MOUNT: /'
        busybox ls / | busybox tr '\n' ' ' | busybox sed 's/^/TOY-ROOT: /'
        echo
        echo TOY-INIT-DONE
        busybox poweroff -f

        """u8.ToArray();

    private static byte[] RootTarball()
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (var directory in new[] { "dev", "etc", "proc", "sys", "tmp", "usr" })
            {
                tar.WriteEntry(
                    new UstarTarEntry(TarEntryType.Directory, directory + "/")
                    {
                        Mode = (UnixFileMode)0b111_101_101,
                    }
                );
            }
            foreach (var (link, target) in new[] { ("bin", "usr/bin"), ("sbin", "usr/sbin") })
            {
                tar.WriteEntry(
                    new UstarTarEntry(TarEntryType.SymbolicLink, link) { LinkName = target }
                );
            }
            tar.WriteEntry(
                new UstarTarEntry(TarEntryType.RegularFile, "etc/hostname")
                {
                    DataStream = new MemoryStream("toy-root\n"u8.ToArray()),
                    Mode = (UnixFileMode)0b110_100_100,
                }
            );
        }
        return bytes.ToArray();
    }
}
