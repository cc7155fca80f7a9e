using System.Text;

namespace XenDemoCD.Cpio.Tests.Support;

/// <summary>
/// An archive with every kind of entry the writer knows, and the awkward cases: names of every
/// length modulo 4 (padding), data of every length modulo 4, an empty file, a file bigger than
/// the copy buffer, setuid and sticky bits, other owners, a three-name hard link, devices, a
/// fifo, a UTF-8 name, an implied parent directory, and a name sorting next to its directory.
/// </summary>
public static class SampleArchive
{
    public static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static readonly byte[] Big =
    [
        .. Enumerable.Range(0, 200_003).Select(i => (byte)(i * 7 % 251)),
    ];

    public static CpioArchiveBuilder Create()
    {
        var archive = new CpioArchiveBuilder();
        archive.AddDirectory("bin");
        archive.AddFile("bin/busybox", CpioContent.FromBytes(Big), Mode("755"));
        archive.AddSymbolicLink("bin/sh", "busybox");
        archive.AddSymbolicLink("bin/abs", "/bin/busybox");
        archive.AddDirectory("tmp", Mode("1777"));
        archive.AddDirectory("home/user", Mode("750"), 1000, 100);
        archive.AddFile(
            "home/user/notes.txt",
            CpioContent.FromText("owned by 1000:100\n"),
            Mode("640"),
            1000,
            100
        );
        archive.AddFile("empty", CpioContent.FromBytes([]), Mode("644"));
        for (var length = 1; length <= 8; length++)
        {
            archive.AddFile(
                $"data/{new string('n', length)}",
                CpioContent.FromBytes(Encoding.ASCII.GetBytes(new string('x', length))),
                Mode("644")
            );
        }
        archive.AddFile("sbin/su", CpioContent.FromText("#!/bin/sh\n"), Mode("4755"));
        archive.AddFile("etc/hosts", CpioContent.FromText("127.0.0.1 localhost\n"), Mode("644"));
        archive.AddHardLink("etc/hosts.link1", "etc/hosts");
        archive.AddHardLink("a-first-link-to-hosts", "etc/hosts");
        archive.AddCharacterDevice("dev/console", 5, 1, Mode("600"));
        archive.AddCharacterDevice("dev/null", 1, 3, Mode("666"));
        archive.AddBlockDevice("dev/sr0", 11, 0, Mode("660"), 0, 24);
        archive.AddFifo("run/initctl", Mode("600"));
        archive.AddFile("ünïcödé-name", CpioContent.FromText("utf-8\n"), Mode("644"));
        archive.AddFile(
            "bin-x",
            CpioContent.FromText("sorts after bin/ but before bin/..."),
            Mode("644")
        );
        return archive;
    }

    public static byte[] Bytes() => Bytes(Create());

    public static byte[] Bytes(CpioArchiveBuilder archive)
    {
        using var stream = new MemoryStream();
        archive.WriteTo(stream, Time);
        return stream.ToArray();
    }

    public static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
