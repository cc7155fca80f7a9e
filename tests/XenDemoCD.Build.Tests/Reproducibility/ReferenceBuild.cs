using System.Security.Cryptography;
using XenDemoCD.Build.Cd;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Reproducibility;

/// <summary>
/// One clean build of the CD (Debian's kernel and hypervisor packages, so no compiles: the
/// "reduced build" of issue 9) from a copy of the build system, that other builds are compared
/// with byte for byte.
/// </summary>
public sealed class ReferenceBuild : IAsyncLifetime
{
    public const string Version = "repro-1";

    public TempDirectory Work { get; } = new();

    public string Checkout => Work.Combine("reference", "xendemocd");

    public static string Cache => SharedCache.Path;

    public async Task InitializeAsync()
    {
        CopyBuildSystem(Checkout);
        var (exit, output) = await ProcessRun.RunAsync(
            "dotnet",
            Arguments(Checkout),
            Checkout,
            new Dictionary<string, string> { ["XENDEMOCD_ROOT"] = Checkout },
            TimeSpan.FromMinutes(40)
        );
        Assert.True(exit == 0, $"the reference build failed ({exit}):\n{output}");
    }

    public Task DisposeAsync()
    {
        Work.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The host's arguments for a build of the ISO in <paramref name="checkout"/>.</summary>
    public static string[] Arguments(string checkout) =>
        [
            Path.Combine(AppContext.BaseDirectory, "XenDemoCD.Build.dll"),
            "--target=MasterIso",
            "--kernel=debian",
            "--hypervisor=debian",
            "--source-date-epoch=1700000000",
            $"--version-id={Version}",
            "--builder=Reproducibility Test",
            $"--cache={Cache}",
            $"--out={Path.Combine(checkout, "out")}",
        ];

    /// <summary>
    /// Exactly the files the CD's build system consists of, as a checkout has them: a symlink
    /// stays a symlink (rootpatch's systemd wants/ links and masks are links, and systemd ignores
    /// a wants/ entry that is a plain file).
    /// </summary>
    public static void CopyBuildSystem(string checkout)
    {
        foreach (var file in BuildSystemFiles.List(RepositoryRoot.Path))
        {
            var target = Path.Combine(checkout, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var source = new FileInfo(Path.Combine(RepositoryRoot.Path, file));
            if (source.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else
            {
                File.Copy(source.FullName, target);
            }
        }
    }

    /// <summary>The outputs that must come out the same, by name, with their sha256.</summary>
    public static Dictionary<string, string> Outputs(string checkout)
    {
        var stages = Path.Combine(checkout, "out", "stages");
        return new Dictionary<string, string>
        {
            ["ISO"] = FileDigest.Sha256Of(Path.Combine(checkout, "out", $"xendemo-{Version}.iso")),
            ["root.tar.gz"] = FileDigest.Sha256Of(
                Path.Combine(stages, "RootTarball", "root.tar.gz")
            ),
            ["initrd.img"] = FileDigest.Sha256Of(Path.Combine(stages, "Initrd", "initrd.img")),
        };
    }

    /// <summary>
    /// The entries of two root.tar.gz that differ, each with what differs, so a failure names
    /// the file that is not reproducible instead of only two hashes.
    /// </summary>
    public static IReadOnlyList<string> RootTarDifferences(string checkoutA, string checkoutB)
    {
        var a = RootTarEntries(checkoutA);
        var b = RootTarEntries(checkoutB);
        return a
            .Keys.Union(b.Keys)
            .Order(StringComparer.Ordinal)
            .Where(name => a.GetValueOrDefault(name) != b.GetValueOrDefault(name))
            .Select(name =>
                $"{name}: {a.GetValueOrDefault(name) ?? "(absent)"} / {b.GetValueOrDefault(name) ?? "(absent)"}"
            )
            .ToList();
    }

    private static Dictionary<string, string> RootTarEntries(string checkout)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var file = File.OpenRead(
            Path.Combine(checkout, "out", "stages", "RootTarball", "root.tar.gz")
        );
        using var gzip = new System.IO.Compression.GZipStream(
            file,
            System.IO.Compression.CompressionMode.Decompress
        );
        using var reader = new System.Formats.Tar.TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            var data = "";
            if (entry.DataStream is { } stream)
            {
                data = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
            }
            entries[entry.Name] =
                $"{entry.EntryType} {entry.Mode} {entry.Uid}:{entry.Gid} {entry.ModificationTime.ToUnixTimeSeconds()} {entry.Length} {entry.LinkName} {data}";
        }
        return entries;
    }
}
