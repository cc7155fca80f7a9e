using System.Formats.Tar;
using System.IO.Compression;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Tests.Reproducibility;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Tests.Unpack;

/// <summary>
/// The whole round trip of issue 7 on a real (if fast: Debian's kernel and Xen) CD: build →
/// Unpack → ./build.sh in the unpacked directory → the same sha256; then a rootpatch edit →
/// a different ISO whose root.tar.gz holds the edit. Built --with-sources, so the CD carries
/// /usr/local/src/README, which the rebuild adds again and must not find in root/. Needs the whole pipeline (mmdebstrap,
/// apt, GRUB), so about as long as a first build.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RoundTripTests : IDisposable
{
    private const string Version = "roundtrip-1";
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task An_unpacked_CD_with_sources_rebuilds_with_sources_to_the_same_bytes_and_a_rootpatch_edit_reaches_root_tar_gz()
    {
        // A checkout of exactly the build system the CD will carry.
        var checkout = work.Combine("checkout");
        ReferenceBuild.CopyBuildSystem(checkout);
        var cache = SharedCache.Path;
        await Host(
            checkout,
            "--target=MasterIso",
            "--kernel=debian",
            "--hypervisor=debian",
            "--source-date-epoch=1700000000",
            $"--version-id={Version}",
            "--builder=Round Trip",
            "--with-sources",
            $"--cache={cache}"
        );
        var original = Path.Combine(checkout, "out", $"xendemo-{Version}.iso");

        var unpacked = work.Combine("unpacked");
        await Host(work.Path, "--target=Unpack", $"--iso={original}", $"--into={unpacked}");
        await BuildSh(unpacked, "--target=MasterIso", "--with-sources", $"--cache={cache}");
        var rebuilt = Path.Combine(unpacked, "out", $"xendemo-{Version}.iso");
        Assert.Equal(FileDigest.Sha256Of(original), FileDigest.Sha256Of(rebuilt));

        var issue = Path.Combine(unpacked, "rootpatch", "etc", "issue");
        File.AppendAllText(issue, "Changed after unpacking.\n");
        await BuildSh(unpacked, "--target=MasterIso", "--with-sources", $"--cache={cache}");
        Assert.NotEqual(FileDigest.Sha256Of(original), FileDigest.Sha256Of(rebuilt));
        Assert.Contains(
            "Changed after unpacking.",
            RootTarGzText(rebuilt, "etc/issue"),
            StringComparison.Ordinal
        );
    }

    private static async Task Host(string root, params string[] arguments)
    {
        var (exit, output) = await ProcessRun.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "XenDemoCD.Build.dll"), .. arguments],
            root,
            new Dictionary<string, string> { ["XENDEMOCD_ROOT"] = root },
            TimeSpan.FromMinutes(60)
        );
        Assert.True(exit == 0, $"{string.Join(' ', arguments)} failed ({exit}):\n{output}");
    }

    private static async Task BuildSh(string root, params string[] arguments)
    {
        var (exit, output) = await ProcessRun.RunAsync(
            Path.Combine(root, "build.sh"),
            arguments,
            root,
            null,
            TimeSpan.FromMinutes(60)
        );
        Assert.True(
            exit == 0,
            $"./build.sh {string.Join(' ', arguments)} failed ({exit}):\n{output}"
        );
    }

    private static string RootTarGzText(string iso, string path)
    {
        using var image = IsoImage.Open(iso);
        using var gzip = new GZipStream(
            image.OpenRead(image.Find("/XenDemoCD/root.tar.gz")!),
            CompressionMode.Decompress
        );
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name.TrimStart('.', '/') == path && entry.DataStream is { } data)
            {
                return new StreamReader(data).ReadToEnd();
            }
        }
        throw new InvalidOperationException($"{iso}: root.tar.gz has no {path}");
    }
}
