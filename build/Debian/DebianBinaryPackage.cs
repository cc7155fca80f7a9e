using System.Formats.Tar;
using System.IO.Compression;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// A Debian binary package (<c>.deb</c>) read in-process: an <c>ar</c> archive whose
/// <c>data.tar.*</c> member holds the files the package installs. No dpkg needed, so the same code
/// runs wherever the build host runs.
/// </summary>
public sealed class DebianBinaryPackage(string path)
{
    public string Path { get; } = path;

    /// <summary>
    /// Extracts the entries of <c>data.tar</c> that <paramref name="destination"/> maps to a path
    /// (relative to <paramref name="target"/>); entries it maps to null are skipped. Returns the
    /// number of entries written.
    /// </summary>
    public int Extract(
        string target,
        Func<string, string?> destination,
        CancellationToken cancellation = default
    ) => WithDataTar(tar => TarExtraction.Extract(tar, target, destination, Path, cancellation));

    /// <summary>The file names in <c>data.tar</c>, without the leading <c>./</c>.</summary>
    public IReadOnlyList<string> List() =>
        WithDataTar(tar =>
        {
            var names = new List<string>();
            using var reader = new TarReader(tar);
            while (reader.GetNextEntry() is { } entry)
            {
                names.Add(TarExtraction.Normalize(entry.Name));
            }
            return names;
        });

    /// <summary>Runs <paramref name="read"/> over one file of <c>data.tar</c>, as a stream.</summary>
    public T ReadFile<T>(string name, Func<Stream, T> read) =>
        WithDataTar(tar =>
        {
            using var reader = new TarReader(tar);
            while (reader.GetNextEntry() is { } entry)
            {
                if (TarExtraction.Normalize(entry.Name) == name && entry.DataStream is { } data)
                {
                    return read(data);
                }
            }
            throw new InvalidDataException(
                $"{Path}: the package holds no file '{name}'; is this the package the pin names?"
            );
        });

    private T WithDataTar<T>(Func<Stream, T> use)
    {
        using var file = File.OpenRead(Path);
        foreach (var member in ArArchive.Open(file, Path).Members())
        {
            if (!member.Name.StartsWith("data.tar", StringComparison.Ordinal))
            {
                continue;
            }
            using var tar = Decompress(member.Data, member.Name, Path);
            return use(tar);
        }
        throw new InvalidDataException(
            $"{Path}: the package has no data.tar member; the download is damaged or not a Debian binary package"
        );
    }

    /// <summary>The decompressed stream of a <c>*.tar.xz</c> / <c>.gz</c> / <c>.zst</c> / plain <c>.tar</c>.</summary>
    public static Stream Decompress(Stream compressed, string name, string source) =>
        System.IO.Path.GetExtension(name) switch
        {
            ".xz" => new XZStream(compressed),
            ".gz" => new GZipStream(compressed, CompressionMode.Decompress),
            ".zst" => new DecompressionStream(compressed),
            ".tar" => compressed,
            _ => throw new InvalidDataException(
                $"{source}: '{name}' is compressed in a way this build cannot read (xz, gz, zst or none)"
            ),
        };
}
