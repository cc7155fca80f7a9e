namespace XenDemoCD.Iso9660.Tests.Writer;

/// <summary>The writer's progress callback: what MasterIso shows as MB of total while it writes.</summary>
public sealed class WriteProgressTests
{
    private sealed class Recorder : IProgress<IsoWriteProgress>
    {
        public List<IsoWriteProgress> Reports { get; } = [];

        public void Report(IsoWriteProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Reports_bytes_written_rising_to_the_image_size_of_a_constant_total()
    {
        var tree = new IsoTree();
        var random = new Random(15);
        for (var i = 0; i < 6; i++)
        {
            var bytes = new byte[3 << 20];
            random.NextBytes(bytes);
            tree.AddFile($"data/file{i}.bin", FileContent.FromBytes(bytes));
        }
        var recorder = new Recorder();
        using var output = new MemoryStream();

        var size = IsoWriter.Write(
            tree,
            new IsoImageOptions
            {
                Timestamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            },
            output,
            recorder
        );

        var reports = recorder.Reports;
        // 18 MiB of data: several reports along the way, not just the last one.
        Assert.True(reports.Count >= 4, $"{reports.Count} reports");
        Assert.All(reports, r => Assert.Equal(size, r.TotalBytes));
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(
                reports[i].BytesWritten > reports[i - 1].BytesWritten,
                $"report {i}: {reports[i].BytesWritten} after {reports[i - 1].BytesWritten}"
            );
        }
        Assert.Equal(size, reports[^1].BytesWritten);
        Assert.Equal(size, output.Length);
    }
}
