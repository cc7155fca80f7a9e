using System.Diagnostics;
using XenDemoCD.Iso9660.Tests.Support;
using Xunit.Abstractions;

namespace XenDemoCD.Iso9660.Tests.Robustness;

/// <summary>
/// A deterministic random-mutation fuzzer (fixed seed and iteration count, so CI runs the same
/// inputs every time) over seed images: ours and foreign ones from genisoimage and xorriso.
/// Every input must read and extract or fail with IsoFormatException, write nothing outside the
/// target, and allocate a bounded amount. Findings are saved under fuzz-findings in the test
/// output. SharpFuzz instrumentation was not used: a plain mutation loop needs no extra tooling.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FuzzTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>
    /// Iterations in the integration tier: 6000 took 34–41 s on the 2-core build machine at nice
    /// 19 beside a CI run (measured).
    /// </summary>
    private const int Iterations = 6000;

    /// <summary>The fast tier's share: the first inputs of the same sequence, a few seconds.</summary>
    private const int QuickIterations = 600;

    private const long MaxAllocatedBytesPerInput = 512L << 20;

    [Fact]
    [Trait("Category", "Integration")]
    public void Seeded_mutations_of_our_and_foreign_images_only_ever_raise_IsoFormatException_write_inside_the_target_and_stay_bounded() =>
        Fuzz(
            int.Parse(
                Environment.GetEnvironmentVariable("ISO9660_FUZZ_ITERATIONS")
                    ?? Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                System.Globalization.CultureInfo.InvariantCulture
            )
        );

    [Fact]
    public void The_first_seeded_mutations_only_ever_raise_IsoFormatException_write_inside_the_target_and_stay_bounded() =>
        Fuzz(QuickIterations);

    private void Fuzz(int iterations)
    {
        var seeds = Seeds();
        var random = new Random(20240601);
        var findings = Path.Combine(AppContext.BaseDirectory, "fuzz-findings");
        var found = new List<string>();
        var clock = Stopwatch.StartNew();
        var rejected = 0;
        // Extraction goes into parent/x; anything else appearing in parent escaped the target.
        var parent = scratch["parent"];
        var target = Path.Combine(parent, "x");
        Directory.CreateDirectory(parent);
        for (var tried = 1; tried <= iterations; tried++)
        {
            var (seedName, seed) = seeds[random.Next(seeds.Count)];
            var input = Mutate(seed, random);
            var extract = tried % 4 == 0;
            var view = random.Next(2) == 0 ? IsoView.Auto : IsoView.Plain;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            string? problem = null;
            try
            {
                Read(input, extract, view, target);
            }
            catch (IsoFormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                problem = $"threw {e.GetType().Name}: {e.Message}";
            }
            var used = GC.GetAllocatedBytesForCurrentThread() - allocated;
            if (problem is null && used > MaxAllocatedBytesPerInput)
            {
                problem = $"allocated {used >> 20} MiB";
            }
            var escaped = Directory
                .EnumerateFileSystemEntries(parent)
                .Where(p => p != target)
                .ToList();
            if (problem is null && escaped.Count > 0)
            {
                problem = $"wrote outside the target: {string.Join(", ", escaped)}";
            }
            foreach (var path in escaped)
            {
                Remove(path);
            }
            Remove(target);
            if (problem is not null)
            {
                Directory.CreateDirectory(findings);
                var saved = Path.Combine(findings, $"input-{tried}-{seedName}.iso");
                File.WriteAllBytes(saved, input);
                found.Add($"input {tried} (seed {seedName}, saved to {saved}) {problem}");
            }
        }
        var summary =
            $"fuzzing: {iterations} inputs in {clock.Elapsed.TotalSeconds:F0} s from {seeds.Count} seeds, {rejected} rejected with IsoFormatException, {found.Count} findings";
        log.WriteLine(summary);
        Console.WriteLine(summary);
        found.ForEach(log.WriteLine);
        Assert.Empty(found);
    }

    private static void Read(byte[] input, bool extract, IsoView view, string target)
    {
        using var image = IsoImage.Open(
            new MemoryStream(input),
            limits: new ReaderLimits { MaxEntries = 100_000 }
        );
        if (extract)
        {
            IsoExtractor.Extract(
                image,
                target,
                new ExtractOptions
                {
                    MaxTotalBytes = 64 << 20,
                    RestoreOwners = false,
                    CreateSpecialFiles = false,
                }
            );
            return;
        }
        foreach (var entry in image.Enumerate(view))
        {
            if (entry.Kind == EntryKind.File && entry.Size < 16 << 20)
            {
                using var stream = image.OpenRead(entry);
                stream.CopyTo(Stream.Null);
            }
        }
    }

    private static void Remove(string path)
    {
        if (Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            // Extracted directories may be read-only (r-xr-xr-x); open them up to delete.
            foreach (
                var d in Directory.EnumerateDirectories(path, "*", SearchOption.AllDirectories)
            )
            {
                if (new FileInfo(d).LinkTarget is null)
                {
                    File.SetUnixFileMode(d, (UnixFileMode)0x1C0);
                }
            }
            File.SetUnixFileMode(path, (UnixFileMode)0x1C0);
            Directory.Delete(path, recursive: true);
        }
        else if (Path.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }

    /// <summary>Ours (Rock Ridge, Joliet, zisofs, El Torito) and foreign images of a small tree.</summary>
    private List<(string Name, byte[] Image)> Seeds()
    {
        var seeds = new List<(string, byte[])> { ("ours-small", HostileImages.Small()) };
        var awkward = new MemoryStream();
        var tree = AwkwardTree.Build(manyEntries: 50);
        tree.AddFile("boot/bios.img", FileContent.FromBytes(new byte[4096]));
        IsoWriter.Write(
            tree,
            AwkwardTree.Options() with
            {
                Boot = new ElToritoOptions { BiosImage = "boot/bios.img" },
            },
            awkward
        );
        seeds.Add(("ours-awkward", awkward.ToArray()));
        var source = scratch["seed-src"];
        Foreign.ForeignSourceTree.Create(source);
        (string Name, string Tool, string[] Arguments)[] foreign =
        [
            ("genisoimage-R-J", "genisoimage", ["-quiet", "-R", "-J", "-o", "IMG", source]),
            (
                "xorriso-zisofs-hardlinks",
                "xorriso",
                [
                    "-hardlinks",
                    "on",
                    "-outdev",
                    "IMG",
                    "-map",
                    source,
                    "/",
                    "-set_filter_r",
                    "--zisofs",
                    "/",
                    "--",
                ]
            ),
            (
                "xorriso-old_rr",
                "xorriso",
                ["-compliance", "old_rr", "-outdev", "IMG", "-map", source, "/"]
            ),
        ];
        foreach (var (name, tool, arguments) in foreign)
        {
            var iso = scratch[name + ".iso"];
            DebianTool.Run(tool, arguments.Select(a => a == "IMG" ? iso : a));
            seeds.Add((name, File.ReadAllBytes(iso)));
        }
        return seeds;
    }

    /// <summary>Byte flips, small-integer stores and block copies, focused on the metadata blocks.</summary>
    private static byte[] Mutate(byte[] seed, Random random)
    {
        var input = (byte[])seed.Clone();
        var metadataEnd = Math.Min(input.Length, 80 * 2048);
        var count = 1 + random.Next(8);
        for (var i = 0; i < count; i++)
        {
            var at = 16 * 2048 + random.Next(metadataEnd - 16 * 2048);
            switch (random.Next(5))
            {
                case 0:
                    input[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    input[at] = (byte)random.Next(256);
                    break;
                case 2:
                    input[at] = random.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                    break;
                case 3:
                    var from = 16 * 2048 + random.Next(metadataEnd - 16 * 2048 - 64);
                    Array.Copy(input, from, input, Math.Min(at, input.Length - 64), 64);
                    break;
                default:
                    return input[..(random.Next(input.Length / 2048) * 2048 + random.Next(2048))];
            }
        }
        return input;
    }
}
