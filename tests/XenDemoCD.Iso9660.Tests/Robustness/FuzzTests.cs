using System.Diagnostics;
using XenDemoCD.Iso9660.Tests.Support;
using Xunit.Abstractions;

namespace XenDemoCD.Iso9660.Tests.Robustness;

/// <summary>
/// A bounded random-mutation fuzzer over seed images (ours, with Rock Ridge, Joliet, zisofs,
/// El Torito). Every input must either read and extract, or fail with IsoFormatException;
/// anything else (a crash, an unexpected exception type, a hang) fails the test.
/// SharpFuzz instrumentation was not used: a plain mutation loop needs no extra tooling.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Random_mutations_of_seed_images_never_crash_the_reader_or_extractor()
    {
        var seeds = new List<byte[]> { HostileImages.Small() };
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
        seeds.Add(awkward.ToArray());
        var random = new Random(20240601);
        var budget = TimeSpan.FromSeconds(
            double.Parse(Environment.GetEnvironmentVariable("ISO9660_FUZZ_SECONDS") ?? "45")
        );
        var clock = Stopwatch.StartNew();
        int tried = 0,
            rejected = 0;
        byte[] input = [];
        var iteration = Stopwatch.StartNew();
        // A watchdog: an input that takes more than 10 s is saved, so a hang can be replayed.
        using var watchdog = new Timer(
            _ =>
            {
                if (iteration.Elapsed > TimeSpan.FromSeconds(10))
                {
                    File.WriteAllBytes(
                        Path.Combine(Path.GetTempPath(), "iso9660-fuzz-hang.iso"),
                        input
                    );
                }
            },
            null,
            5000,
            5000
        );
        while (clock.Elapsed < budget)
        {
            var seed = seeds[random.Next(seeds.Count)];
            input = Mutate(seed, random);
            iteration.Restart();
            tried++;
            var target = Path.Combine(scratch.Path, "x");
            try
            {
                using var image = IsoImage.Open(
                    new MemoryStream(input),
                    limits: new ReaderLimits { MaxEntries = 100_000 }
                );
                if (tried % 4 == 0)
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
                }
                else
                {
                    foreach (
                        var entry in image.Enumerate(
                            random.Next(2) == 0 ? IsoView.Auto : IsoView.Plain
                        )
                    )
                    {
                        if (entry.Kind == EntryKind.File && entry.Size < 16 << 20)
                        {
                            using var stream = image.OpenRead(entry);
                            stream.CopyTo(Stream.Null);
                        }
                    }
                }
            }
            catch (IsoFormatException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                var path = Path.Combine(Path.GetTempPath(), $"iso9660-fuzz-crash-{tried}.iso");
                File.WriteAllBytes(path, input);
                throw new Xunit.Sdk.XunitException($"input {tried} (saved to {path}) threw {e}");
            }
            finally
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }
            }
        }
        log.WriteLine(
            $"fuzzing: {tried} inputs tried in {clock.Elapsed.TotalSeconds:F0} s, {rejected} rejected with IsoFormatException, none crashed"
        );
        Console.WriteLine($"fuzzing: {tried} inputs tried, {rejected} rejected");
        Assert.True(tried > 100);
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
