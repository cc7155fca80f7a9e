using System.Formats.Tar;
using System.IO.Compression;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Integration;

/// <summary>
/// Bootstraps the real Debian root with mmdebstrap (a few minutes), in a copy of the repository's
/// data folders so a rootpatch file can be edited, and checks what the CD's root will hold.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RootFilesystemBuildTests : IDisposable
{
    private readonly TempDirectory root = new();

    public RootFilesystemBuildTests()
    {
        foreach (var folder in new[] { "hypervisor", "usr-layout", "rootpatch" })
        {
            CopyTree(Path.Combine(RepositoryRoot.Path, folder), root.Combine(folder));
        }
        File.Copy(
            Path.Combine(RepositoryRoot.Path, "rootpatch.permissions"),
            root.Combine("rootpatch.permissions")
        );
    }

    public void Dispose() => root.Dispose();

    private async Task<string> BuildAsync()
    {
        var (exitCode, output) = await ProcessRun.RunAsync(
            "dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "XenDemoCD.Build.dll"),
                "--target=RootTarball",
                $"--out={root.Combine("out")}",
                "--source-date-epoch=1700000000",
                "--version-id=test-1",
                "--builder=Test Builder",
            ],
            root.Path,
            new Dictionary<string, string> { ["XENDEMOCD_ROOT"] = root.Path },
            TimeSpan.FromMinutes(20)
        );
        Assert.True(exitCode == 0, $"the build failed ({exitCode}):\n{output}");
        return output;
    }

    [Fact]
    public async Task The_root_is_bootstrapped_patched_split_and_packed_and_a_rootpatch_edit_reruns_only_the_later_stages()
    {
        await BuildAsync();
        var entries = ReadTarGz(root.Combine("out", "stages", "RootTarball", "root.tar.gz"));

        // The mutable root: small, root-owned shadow with the password's yescrypt hash, the banner filled in,
        // usrmerge links, /boot on the CD, no baked ssh host keys.
        Assert.True(
            new FileInfo(root.Combine("out", "stages", "RootTarball", "root.tar.gz")).Length
                < 8_000_000
        );
        var shadow = entries["etc/shadow"];
        Assert.Equal((0, 42), (shadow.Uid, shadow.Gid));
        Assert.Contains(
            shadow.Text.Split('\n'),
            line => line.StartsWith("root:$y$", StringComparison.Ordinal)
        );
        Assert.Contains("CD test-1 (built by Test Builder)", entries["etc/issue"].Text);
        Assert.Equal("usr/bin", entries["bin"].LinkName);
        Assert.Equal("usr/boot", entries["boot"].LinkName);
        Assert.DoesNotContain(entries.Keys, k => k.Contains("ssh_host_", StringComparison.Ordinal));
        Assert.Equal("/usr/root/etc/ssh/moduli", entries["etc/ssh/moduli"].LinkName);

        // The CD side: /usr with the Xen toolstack at the hypervisor's version.
        using (var usr = File.OpenRead(root.Combine("out", "stages", "UsrLayout", "usr.tar")))
        using (var reader = new TarReader(usr))
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (reader.GetNextEntry() is { } entry)
            {
                names.Add(entry.Name);
            }
            Assert.Contains("sbin/xl", names);
            Assert.Contains("root/etc/ssh/moduli", names);
            Assert.Contains("local/sbin/xendemo-nat-enable", names);
        }

        // Nothing changed: every stage is up to date.
        var rerun = await BuildAsync();
        Assert.Equal(4, rerun.Split("Up to date (").Length - 1);

        // One rootpatch file changed: the bootstrap is reused, the later stages rerun.
        root.Write("rootpatch/etc/motd", "edited motd\n");
        var edited = await BuildAsync();
        Assert.Contains("RootBootstrap        ", edited);
        Assert.Equal(1, edited.Split("Up to date (").Length - 1);
        Assert.Contains("Building: input 'rootpatch' changed", edited);
        Assert.Equal(
            "edited motd\n",
            ReadTarGz(root.Combine("out", "stages", "RootTarball", "root.tar.gz"))["etc/motd"].Text
        );
    }

    private sealed record Entry(int Uid, int Gid, string LinkName, string Text);

    private static Dictionary<string, Entry> ReadTarGz(string path)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry(copyData: true) is { } entry)
        {
            var text =
                entry.DataStream is { } data && entry.Length < 100_000
                    ? new StreamReader(data).ReadToEnd()
                    : "";
            entries[entry.Name.TrimEnd('/')] = new Entry(
                entry.Uid,
                entry.Gid,
                entry.LinkName,
                text
            );
        }
        return entries;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (
            var entry in new DirectoryInfo(from).EnumerateFileSystemInfos(
                "*",
                SearchOption.AllDirectories
            )
        )
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, entry.FullName));
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo)
            {
                Directory.CreateDirectory(target);
            }
            else
            {
                File.Copy(entry.FullName, target);
                File.SetUnixFileMode(target, File.GetUnixFileMode(entry.FullName));
            }
        }
    }
}
