using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Writer;

/// <summary>Files of 4 GiB and more: several directory records (ECMA-119 level 3), in both trees.</summary>
// Integration tier: each test writes and reads back two images of over 4 GiB.
[Trait("Category", "Integration")]
public sealed class MultiExtentTests : IDisposable
{
    private const long BigSize = (4L << 30) + 100_000_123; // 4.1 GiB
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>Zeros with a recognisable tail, produced on the fly (nothing held in memory).</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var take = (int)Math.Min(count, length - position);
            for (var i = 0; i < take; i++)
            {
                var at = position + i;
                buffer[offset + i] = at >= length - 4096 ? (byte)(at % 251) : (byte)0;
            }
            position += take;
            return take;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) =>
            throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException();
    }

    [Fact]
    public void Files_of_4_GiB_and_more_round_trip_as_multi_extent_through_xorriso_bsdtar_and_our_reader()
    {
        var tree = new IsoTree();
        tree.AddFile(
            "big/huge.bin",
            FileContent.FromStream(() => new PatternStream(BigSize), BigSize)
        );
        tree.AddFile("big/after.txt", FileContent.FromBytes(AwkwardTree.Text("after\n")));
        var iso = scratch["big.iso"];
        IsoWriter.WriteFile(tree, new IsoImageOptions { Timestamp = AwkwardTree.Epoch }, iso);

        var lsdl = DebianTool
            .Run("xorriso", "-indev", iso, "-find", "/big", "-exec", "lsdl", "--")
            .Output;
        Assert.Contains($" {BigSize} ", lsdl);
        var bsdtar = DebianTool.Run("bsdtar", "-tvf", iso).Output;
        Assert.Contains($" {BigSize} ", bsdtar);

        using var image = IsoImage.Open(iso);
        foreach (var view in new[] { IsoView.RockRidge, IsoView.Joliet })
        {
            var entry = image.Find("/big/huge.bin", view)!;
            Assert.Equal(BigSize, entry.Size);
            Assert.Equal(2, entry.Extents.Count);
            Assert.Equal(0xFFFFF800u, entry.Extents[0].Length);
            using var stream = image.OpenRead(entry);
            stream.Seek(-4096, SeekOrigin.End);
            var tail = new byte[4096];
            stream.ReadExactly(tail);
            Assert.Equal(
                Enumerable.Range(0, 4096).Select(i => (byte)((BigSize - 4096 + i) % 251)),
                tail
            );
        }
        Assert.Equal(
            "after\n",
            new StreamReader(image.OpenRead(image.Find("/big/after.txt")!)).ReadToEnd()
        );
    }

    [Fact]
    public void Reads_a_multi_extent_file_written_by_xorriso()
    {
        var source = scratch["src"];
        Directory.CreateDirectory(source);
        using (var sparse = File.Create(Path.Combine(source, "sparse.bin")))
        {
            sparse.SetLength(BigSize);
            sparse.Seek(-5, SeekOrigin.End);
            sparse.Write("tail\n"u8);
        }
        var iso = scratch["xorriso-big.iso"];
        DebianTool.Run(
            "xorriso",
            "-as",
            "mkisofs",
            "-quiet",
            "-R",
            "-J",
            "-iso-level",
            "3",
            "-o",
            iso,
            source
        );
        File.Delete(Path.Combine(source, "sparse.bin"));
        using var image = IsoImage.Open(iso);
        var entry = image.Find("/sparse.bin")!;
        Assert.Equal(BigSize, entry.Size);
        Assert.True(entry.Extents.Count >= 2);
        using var stream = image.OpenRead(entry);
        stream.Seek(-5, SeekOrigin.End);
        Assert.Equal("tail\n", new StreamReader(stream).ReadToEnd());
    }
}
