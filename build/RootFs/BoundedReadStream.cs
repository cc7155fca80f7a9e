namespace XenDemoCD.Build.RootFs;

/// <summary>Reads at most <c>length</c> bytes of an inner stream, then reports its end.</summary>
public sealed class BoundedReadStream(Stream inner, long size) : Stream
{
    private long consumed;

    private long Remaining => size - consumed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => size;

    public override long Position
    {
        get => consumed;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Remaining <= 0)
        {
            return 0;
        }
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, Remaining)]);
        if (read == 0)
        {
            throw new EndOfStreamException(
                $"The archive ends {Remaining} bytes before the entry's data does."
            );
        }
        consumed += read;
        return read;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
