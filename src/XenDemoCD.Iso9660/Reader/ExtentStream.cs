using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Reader;

/// <summary>A file's extents read back to back as one seekable stream.</summary>
internal sealed class ExtentStream : Stream
{
    private readonly ImageSource image;
    private readonly IsoExtent[] extents;
    private readonly long[] starts;
    private readonly string path;
    private long position;

    public ExtentStream(ImageSource image, IReadOnlyList<IsoExtent> extents, string path)
    {
        this.image = image;
        this.extents = [.. extents];
        this.path = path;
        starts = new long[this.extents.Length];
        long total = 0;
        for (var i = 0; i < this.extents.Length; i++)
        {
            starts[i] = total;
            total += this.extents[i].Length;
        }
        Length = total;
    }

    public override long Length { get; }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;

    public override long Position
    {
        get => position;
        set => position = Math.Clamp(value, 0, Length);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (position >= Length || buffer.Length == 0)
        {
            return 0;
        }
        var index = Array.BinarySearch(starts, position);
        if (index < 0)
        {
            index = ~index - 1;
        }
        while (extents[index].Length == 0 || position >= starts[index] + extents[index].Length)
        {
            index++;
        }
        var extent = extents[index];
        var within = position - starts[index];
        var take = (int)Math.Min(buffer.Length, extent.Length - within);
        image.Read((long)extent.Lba * Sizes.Block + within, buffer[..take], $"file data of {path}");
        position += take;
        return take;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => Length + offset,
        };
        return position;
    }

    public override void Flush() { }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();
}
