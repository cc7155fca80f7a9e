using System.Text;
using XenDemoCD.Cpio.Tests.Support;

namespace XenDemoCD.Cpio.Tests.Writer;

/// <summary>Our archives as GNU cpio sees them: listed with <c>cpio -itv</c>, extracted as root with <c>cpio -idm</c>.</summary>
public sealed class GnuCpioTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Cpio_lists_every_entry_with_its_mode_owner_and_link_count()
    {
        var listing = HostProgram
            .RunChecked("cpio", "cpio", ["-itv", "-n", "--quiet"], input: SampleArchive.Bytes())
            .Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(Name, f => f);

        Assert.Equal(new[] { "-rwxr-xr-x", "1", "0", "0", "200003" }, listing["bin/busybox"][..5]);
        Assert.Equal("drwxrwxrwt", listing["tmp"][0]);
        Assert.Equal(new[] { "drwxr-x---", "2", "1000", "100" }, listing["home/user"][..4]);
        Assert.Equal("-rwsr-xr-x", listing["sbin/su"][0]);
        Assert.Equal("3", listing["etc/hosts"][1]);
        Assert.StartsWith("crw-------", listing["dev/console"][0]);
        Assert.StartsWith("brw-rw----", listing["dev/sr0"][0]);
        Assert.StartsWith("prw-------", listing["run/initctl"][0]);
        Assert.StartsWith("lrwxrwxrwx", listing["bin/sh"][0]);
        Assert.Contains("ünïcödé-name", listing.Keys);
    }

    [Fact]
    public void Cpio_extracts_as_root_exactly_what_was_archived()
    {
        Assert.True(
            Environment.IsPrivilegedProcess,
            "extracting devices and other owners needs root; run the tests as root (CI does)"
        );
        var target = temp.Combine("x");
        Directory.CreateDirectory(target);
        HostProgram.RunChecked(
            "cpio",
            "cpio",
            ["-idm", "--no-absolute-filenames", "--quiet"],
            target,
            SampleArchive.Bytes()
        );

        var stat = Stat(target);
        Assert.Equal(
            "regular file|755|0|0|1",
            stat["bin/busybox"][..5].Aggregate((a, b) => a + "|" + b)
        );
        Assert.Equal(SampleArchive.Big, File.ReadAllBytes(Path.Combine(target, "bin/busybox")));
        Assert.Equal("1700000000", stat["bin/busybox"][8]);
        Assert.Equal(["directory", "1777", "0", "0"], stat["tmp"][..4]);
        Assert.Equal(["directory", "750", "1000", "100"], stat["home/user"][..4]);
        Assert.Equal(["regular file", "640", "1000", "100"], stat["home/user/notes.txt"][..4]);
        Assert.Equal("4755", stat["sbin/su"][1]);
        Assert.Equal(["character special file", "600", "0", "0"], stat["dev/console"][..4]);
        Assert.Equal(["5", "1"], stat["dev/console"][5..7]);
        Assert.Equal(["block special file", "660", "0", "24"], stat["dev/sr0"][..4]);
        Assert.Equal(["b", "0"], stat["dev/sr0"][5..7]);
        Assert.Equal("fifo", stat["run/initctl"][0]);
        Assert.Equal("busybox", new FileInfo(Path.Combine(target, "bin/sh")).LinkTarget);
        Assert.Equal("/bin/busybox", new FileInfo(Path.Combine(target, "bin/abs")).LinkTarget);
        Assert.Equal("", File.ReadAllText(Path.Combine(target, "empty")));
        for (var length = 1; length <= 8; length++)
        {
            Assert.Equal(
                new string('x', length),
                File.ReadAllText(Path.Combine(target, "data", new string('n', length)))
            );
        }

        // One file with three names: one inode, link count 3, the content on every name.
        var names = new[] { "etc/hosts", "etc/hosts.link1", "a-first-link-to-hosts" };
        Assert.Single(names.Select(n => stat[n][7]).Distinct());
        Assert.All(names, n => Assert.Equal("3", stat[n][4]));
        Assert.All(
            names,
            n => Assert.Equal("127.0.0.1 localhost\n", File.ReadAllText(Path.Combine(target, n)))
        );
    }

    /// <summary>type|mode|uid|gid|links|major|minor|inode|mtime per relative path.</summary>
    private static Dictionary<string, string[]> Stat(string directory)
    {
        var paths = Directory
            .EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(directory, p))
            .ToList();
        var output = HostProgram
            .RunChecked(
                "stat",
                "coreutils",
                ["-c", "%n|%F|%a|%u|%g|%h|%t|%T|%i|%Y", .. paths],
                directory
            )
            .Output;
        return output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .ToDictionary(f => f[0], f => f[1..]);
    }

    private static string Name(string[] fields)
    {
        // "-rw-r--r--   1 0  0   20 Nov 14  2023 etc/hosts": the name is the 9th field on; a
        // device shows "5,   1" where the size would be, one field more.
        var start = fields[4].EndsWith(',') ? 9 : 8;
        var arrow = Array.IndexOf(fields, "->");
        return string.Join(' ', fields[start..(arrow < 0 ? fields.Length : arrow)]);
    }

    [Fact]
    public void What_cpio_writes_in_newc_is_read_back_with_hard_links_data_and_devices()
    {
        Assert.True(
            Environment.IsPrivilegedProcess,
            "making device nodes needs root; run the tests as root (CI does)"
        );
        var tree = temp.Combine("tree");
        Directory.CreateDirectory(Path.Combine(tree, "d"));
        File.WriteAllText(Path.Combine(tree, "d", "f"), "shared content");
        HostProgram.RunChecked("ln", "coreutils", ["d/f", "g"], tree);
        File.CreateSymbolicLink(Path.Combine(tree, "s"), "d/f");
        HostProgram.RunChecked("mknod", "coreutils", ["c", "c", "4", "64"], tree);
        var list = Encoding.UTF8.GetBytes(string.Join('\n', ".", "c", "d", "d/f", "g", "s") + "\n");
        var archive = HostProgram
            .RunChecked("cpio", "cpio", ["-o", "-H", "newc", "--quiet"], tree, list)
            .Output;
        // cpio's output is binary-safe here: ASCII headers, ASCII data.
        var entries = new CpioReader(new MemoryStream(Encoding.UTF8.GetBytes(archive)))
            .ReadAll()
            .ToDictionary(e => e.Entry.Name);

        Assert.Equal(CpioEntryKind.CharacterDevice, entries["c"].Entry.Kind);
        Assert.Equal((4u, 64u), (entries["c"].Entry.RDevMajor, entries["c"].Entry.RDevMinor));
        Assert.Equal("d/f", entries["s"].Entry.LinkTarget);
        Assert.Equal(entries["d/f"].Entry.Inode, entries["g"].Entry.Inode);
        Assert.Equal(2u, entries["g"].Entry.LinkCount);
        // newc puts a hard-linked file's data on its last name only.
        Assert.Equal(
            "shared content",
            Encoding.UTF8.GetString(entries["g"].Data)
                + Encoding.UTF8.GetString(entries["d/f"].Data)
        );
    }
}
