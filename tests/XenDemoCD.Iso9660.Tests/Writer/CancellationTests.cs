using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Writer;

/// <summary>A long write stops when asked, and leaves no image behind.</summary>
public sealed class CancellationTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private static readonly IsoImageOptions Options = new()
    {
        Timestamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static IsoTree TreeOf(int files, int mebibytes)
    {
        var tree = new IsoTree();
        var random = new Random(7);
        for (var i = 0; i < files; i++)
        {
            var bytes = new byte[mebibytes << 20];
            random.NextBytes(bytes);
            tree.AddFile($"data/file{i}.bin", FileContent.FromBytes(bytes));
        }
        return tree;
    }

    [Fact]
    public void A_write_cancelled_midway_stops_and_leaves_neither_the_image_nor_its_partial_file()
    {
        using var cancellation = new CancellationTokenSource();
        var path = Path.Combine(scratch.Path, "image.iso");
        var reports = 0;
        // Cancelled from the progress callback, once the writer is inside the file data.
        var progress = new InlineReports(p =>
        {
            if (++reports == 2)
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            IsoWriter.WriteFile(TreeOf(4, 8), Options, path, progress, cancellation.Token)
        );

        Assert.Empty(Directory.GetFiles(scratch.Path));
        Assert.True(reports < 8, $"{reports} progress reports after the cancellation");
    }

    [Fact]
    public void Planning_zisofs_files_stops_when_cancelled_before_it_starts()
    {
        var tree = new IsoTree();
        tree.AddFile("a.txt", FileContent.FromBytes(new byte[100_000])).Zisofs = true;
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            IsoWriter.Write(tree, Options, Stream.Null, null, cancellation.Token)
        );
    }

    [Fact]
    public void An_extraction_that_is_cancelled_stops_before_its_next_entry()
    {
        var iso = Path.Combine(scratch.Path, "image.iso");
        IsoWriter.WriteFile(TreeOf(2, 1), Options, iso);
        using var image = IsoImage.Open(iso);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var target = Path.Combine(scratch.Path, "x");

        Assert.ThrowsAny<OperationCanceledException>(() =>
            IsoExtractor.Extract(image, target, null, cancellation.Token)
        );

        Assert.Empty(
            Directory.EnumerateFileSystemEntries(target, "*", SearchOption.AllDirectories)
        );
    }

    private sealed class InlineReports(Action<IsoWriteProgress> report)
        : IProgress<IsoWriteProgress>
    {
        public void Report(IsoWriteProgress value) => report(value);
    }
}
