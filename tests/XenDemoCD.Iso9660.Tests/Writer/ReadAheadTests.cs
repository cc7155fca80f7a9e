using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Writer;

/// <summary>
/// File data is read ahead of the writer on another thread: bytes must still land in plan
/// order, a source that changes under the writer must still be named, and a failing output
/// must not leave the reader blocked.
/// </summary>
public sealed class ReadAheadTests : IDisposable
{
    private const int Chunk = 1 << 20;
    private readonly TempDirectory scratch = new();

    [Fact]
    public void Files_around_the_read_ahead_chunk_size_come_back_byte_for_byte()
    {
        var tree = new IsoTree();
        int[] sizes = [0, 1, 2047, 2048, Chunk - 1, Chunk, Chunk + 1, 3 * Chunk + 5, 7];
        var contents = new Dictionary<string, byte[]>();
        for (var i = 0; i < sizes.Length; i++)
        {
            var bytes = new byte[sizes[i]];
            new Random(i).NextBytes(bytes);
            var name = $"f{i}";
            contents[name] = bytes;
            // Alternate disk and memory sources: both go through the read-ahead.
            var content =
                i % 2 == 0
                    ? FileContent.FromFile(WriteSource(name, bytes))
                    : FileContent.FromBytes(bytes);
            tree.AddFile(name, content, AwkwardTree.Meta(0x1A4));
        }
        var iso = scratch["sizes.iso"];

        IsoWriter.WriteFile(tree, AwkwardTree.Options(), iso);

        using var image = IsoImage.Open(iso);
        foreach (var (name, expected) in contents)
        {
            using var stream = image.OpenRead(image.Find("/" + name)!);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.True(expected.AsSpan().SequenceEqual(copy.ToArray()), name);
        }
    }

    [Fact]
    public void A_file_that_shrank_after_layout_is_named_and_no_image_is_left_behind()
    {
        var source = WriteSource("shrinks", new byte[3 * Chunk]);
        var tree = new IsoTree();
        tree.AddFile("first", FileContent.FromBytes(new byte[5000]), AwkwardTree.Meta(0x1A4));
        tree.AddFile("shrinks", FileContent.FromFile(source), AwkwardTree.Meta(0x1A4));
        File.WriteAllBytes(source, new byte[Chunk + 10]);
        var iso = scratch["shrank.iso"];

        var error = Assert.Throws<IOException>(() =>
            IsoWriter.WriteFile(tree, AwkwardTree.Options(), iso)
        );

        Assert.Contains(source, error.Message);
        Assert.Contains("shorter", error.Message);
        Assert.False(File.Exists(iso));
        Assert.False(File.Exists(iso + ".partial"));
    }

    [Fact]
    public void A_file_that_grew_after_layout_is_named_even_when_it_is_the_last_one()
    {
        var source = WriteSource("grows", new byte[Chunk + 3]);
        var tree = new IsoTree();
        tree.AddFile("grows", FileContent.FromFile(source), AwkwardTree.Meta(0x1A4));
        File.AppendAllText(source, "more");

        var error = Assert.Throws<IOException>(() =>
            IsoWriter.WriteFile(tree, AwkwardTree.Options(), scratch["grew.iso"])
        );

        Assert.Contains(source, error.Message);
        Assert.Contains("changed size", error.Message);
    }

    [Fact]
    public async Task An_output_that_fails_mid_image_stops_the_write_with_its_own_error()
    {
        var tree = new IsoTree();
        for (var i = 0; i < 40; i++)
        {
            tree.AddFile($"f{i}", FileContent.FromBytes(new byte[Chunk]), AwkwardTree.Meta(0x1A4));
        }
        using var output = new FailingStream(failAfter: 5L * Chunk);

        var write = Task.Run(() => IsoWriter.Write(tree, AwkwardTree.Options(), output));

        // Many more chunks than the read-ahead holds: a reader left blocked would hang here.
        var finished = await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.True(finished == write, "the write hung");
        var error = await Assert.ThrowsAsync<IOException>(() => write);
        Assert.Equal("disk full", error.Message);
    }

    private string WriteSource(string name, byte[] bytes)
    {
        var path = scratch[name + ".src"];
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => scratch.Dispose();

    private sealed class FailingStream(long failAfter) : Stream
    {
        private long written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => written;

        public override long Position
        {
            get => written;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) =>
            Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            written += buffer.Length;
            if (written > failAfter)
            {
                throw new IOException("disk full");
            }
        }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) =>
            throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
