using System.IO.Compression;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Cpio;

namespace XenDemoCD.Build.Tests.Initrd;

/// <summary>
/// Builds the initrd for Debian's kernel once for the tests of the "Initrd" collection: the real
/// build host, out of process, over a temporary root holding copies of <c>irtree/</c> and
/// <c>xenolinux-patches/</c>, with the repository's download cache so the kernel and busybox
/// packages are fetched once.
/// </summary>
public sealed class InitrdBuild : IAsyncLifetime
{
    public TempDirectory Root { get; } = new();

    public string Stage(string name) => Root.Combine("out", "stages", name);

    public string Image => Path.Combine(Stage("Initrd"), "initrd.img");

    public string Kernel => Path.Combine(Stage("DebianKernel"), "vmlinuz");

    /// <summary>The static busybox the Initrd stage extracted (runs on the build host too).</summary>
    public string Busybox => Root.Combine("out", "work", "Initrd", "busybox");

    public async Task InitializeAsync()
    {
        foreach (var folder in new[] { "irtree", "xenolinux-patches" })
        {
            CopyTree(Path.Combine(RepositoryRoot.Path, folder), Root.Combine(folder));
        }
        await BuildAsync();
    }

    public Task DisposeAsync()
    {
        Root.Dispose();
        return Task.CompletedTask;
    }

    public async Task<string> BuildAsync(params string[] extra)
    {
        var (exitCode, output) = await ProcessRun.RunAsync(
            "dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "XenDemoCD.Build.dll"),
                "--target=Initrd",
                "--kernel=debian",
                $"--out={Root.Combine("out")}",
                $"--cache={SharedCache.Path}",
                "--source-date-epoch=1700000000",
                .. extra,
            ],
            Root.Path,
            new Dictionary<string, string> { ["XENDEMOCD_ROOT"] = Root.Path },
            TimeSpan.FromMinutes(15)
        );
        Assert.True(exitCode == 0, $"the build failed ({exitCode}):\n{output}");
        return output;
    }

    /// <summary>Every entry of the image, with the data of its regular files.</summary>
    public Dictionary<string, (CpioEntry Entry, byte[] Data)> Entries()
    {
        using var file = File.OpenRead(Image);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return new CpioReader(gzip)
            .ReadAll()
            .ToDictionary(e => e.Entry.Name, StringComparer.Ordinal);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (
            var entry in new DirectoryInfo(from).EnumerateFileSystemInfos(
                "*",
                SearchOption.AllDirectories
            )
        )
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, entry.FullName));
            if (entry is DirectoryInfo)
            {
                Directory.CreateDirectory(target);
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(entry.FullName, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(entry.FullName));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InitrdCollection : ICollectionFixture<InitrdBuild>
{
    public const string Name = "Initrd (Debian kernel)";
}
