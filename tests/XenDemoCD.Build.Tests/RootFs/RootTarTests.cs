using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>The tar writer checked with GNU tar, the reference reader and extractor.</summary>
public sealed class RootTarTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string WriteSample(string name = "root.tar")
    {
        var archive = temp.Combine(name);
        RootTarWriter.WriteFile(
            SampleRoot.Create().Nodes,
            archive,
            SampleRoot.Epoch,
            gzip: name.EndsWith(".gz", StringComparison.Ordinal)
        );
        return archive;
    }

    [Fact]
    public async Task Gnu_tar_lists_numeric_owners_exact_modes_links_and_devices()
    {
        var (exitCode, listing) = await ProcessRun.RunAsync(
            "tar",
            ["--numeric-owner", "-tvvf", WriteSample()],
            temp.Path
        );

        Assert.Equal(0, exitCode);
        var lines = listing
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        Assert.Contains("-rw-r----- 0/42 26 2023-11-14 22:13 etc/shadow", lines);
        Assert.Contains("-rwsr-xr-x 0/0 10 2023-11-14 22:13 usr/bin/su", lines);
        Assert.Contains("lrwxrwxrwx 0/0 0 2023-11-14 22:13 bin -> usr/bin", lines);
        Assert.Contains(
            "hrwxr-xr-x 0/0 0 2023-11-14 22:13 usr/bin/perl link to usr/bin/a-perl-link",
            lines
        );
        Assert.Contains("crw-rw-rw- 0/0 1,3 2023-11-14 22:13 dev/null", lines);
        Assert.Contains("brw-rw---- 0/6 7,0 2023-11-14 22:13 dev/loop0", lines);
        Assert.Contains("prw------- 0/0 0 2023-11-14 22:13 dev/initctl", lines);
        Assert.Contains("drwxrwxrwt 0/0 0 2023-11-14 22:13 tmp/", lines);
        Assert.Contains(
            lines,
            l =>
                l.EndsWith("/deep.txt", StringComparison.Ordinal)
                && l.Contains(new string('x', 120), StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task Extracting_as_root_reproduces_owners_modes_links_and_devices()
    {
        Assert.True(
            Environment.IsPrivilegedProcess,
            "this test extracts device nodes and owners: run the tests as root (CI does)"
        );
        var target = Directory.CreateDirectory(temp.Combine("extracted")).FullName;

        var (exitCode, output) = await ProcessRun.RunAsync(
            "tar",
            ["--numeric-owner", "-xpf", WriteSample(), "-C", target],
            temp.Path
        );
        Assert.True(exitCode == 0, output);

        var (_, stat) = await ProcessRun.RunAsync(
            "stat",
            [
                "-c",
                "%n %A %u %g %t,%T %h",
                "etc/shadow",
                "usr/bin/su",
                "dev/null",
                "dev/loop0",
                "dev/initctl",
                "usr/bin/perl",
                "tmp",
            ],
            target
        );
        Assert.Contains("etc/shadow -rw-r----- 0 42 0,0 1", stat);
        Assert.Contains("usr/bin/su -rwsr-xr-x 0 0 0,0 1", stat);
        Assert.Contains("dev/null crw-rw-rw- 0 0 1,3 1", stat);
        Assert.Contains("dev/loop0 brw-rw---- 0 6 7,0 1", stat);
        Assert.Contains("dev/initctl prw------- 0 0 0,0 1", stat);
        Assert.Contains("usr/bin/perl -rwxr-xr-x 0 0 0,0 2", stat);
        Assert.Contains("tmp drwxrwxrwt 0 0 0,0", stat);
        Assert.Equal("usr/bin", new FileInfo(Path.Combine(target, "bin")).LinkTarget);
        Assert.Equal(
            new string('p', 1300),
            File.ReadAllText(Path.Combine(target, "usr/bin/a-perl-link"))
        );
    }

    [Fact]
    public async Task Busybox_tar_as_linuxrc_runs_it_unpacks_the_same_names_and_links()
    {
        var busybox = ToolRunner.Find("busybox");
        Assert.True(busybox is not null, "busybox is needed: apt-get install busybox");
        var target = Directory.CreateDirectory(temp.Combine("busybox-extracted")).FullName;

        var (exitCode, output) = await ProcessRun.RunAsync(
            busybox!,
            ["tar", "-x", "-z", "-f", WriteSample("root.tar.gz"), "-C", target],
            temp.Path
        );
        Assert.True(exitCode == 0, output);

        var names = Directory
            .EnumerateFileSystemEntries(target, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(target, p))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("etc/shadow", names);
        Assert.Contains(Path.Combine("var/lib/very", new string('x', 120), "deep.txt"), names);
        Assert.Equal(
            ["bin", "dev", "etc", "tmp", "usr", "var"],
            names.Where(n => !n.Contains('/'))
        );
        Assert.Equal("usr/bin", new FileInfo(Path.Combine(target, "bin")).LinkTarget);
    }

    [Fact]
    public void The_same_tree_gives_the_same_bytes_and_modification_times_are_clamped()
    {
        var first = File.ReadAllBytes(WriteSample("a.tar.gz"));
        var second = File.ReadAllBytes(WriteSample("b.tar.gz"));

        Assert.Equal(first, second);
        var hostname = RootTarReader.Read(WriteSample())["etc/hostname"]!;
        Assert.Equal(SampleRoot.Epoch, hostname.MTime);
    }

    [Fact]
    public void A_hard_link_that_sorts_before_its_file_carries_the_data_instead()
    {
        var tree = RootTarReader.Read(WriteSample());

        Assert.Equal(NodeKind.File, tree["usr/bin/a-perl-link"]!.Kind);
        Assert.Equal(NodeKind.HardLink, tree["usr/bin/perl"]!.Kind);
        Assert.Equal("usr/bin/a-perl-link", tree["usr/bin/perl"]!.LinkTarget);
    }

    [Fact]
    public async Task Reading_a_gnu_tar_points_every_file_at_its_own_bytes()
    {
        var source = Directory.CreateDirectory(temp.Combine("src")).FullName;
        foreach (var size in new[] { 0, 1, 511, 512, 513, 10_000 })
        {
            File.WriteAllBytes(
                Path.Combine(source, $"f{size}"),
                Enumerable.Range(0, size).Select(i => (byte)(i * 7 + size)).ToArray()
            );
        }
        var longName = Path.Combine(source, new string('n', 150));
        File.WriteAllText(longName, "long name");
        foreach (var format in new[] { "gnu", "posix" })
        {
            var archive = temp.Combine($"ref-{format}.tar");
            var (exitCode, output) = await ProcessRun.RunAsync(
                "tar",
                [$"--format={format}", "-cf", archive, "-C", source, "."],
                temp.Path
            );
            Assert.True(exitCode == 0, output);

            var tree = RootTarReader.Read(archive);

            foreach (var file in Directory.GetFiles(source))
            {
                var node = tree[Path.GetFileName(file)]!;
                using var stream = node.Content?.Open() ?? new MemoryStream();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                Assert.Equal(File.ReadAllBytes(file), copy.ToArray());
            }
        }
    }
}
