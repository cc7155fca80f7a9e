namespace XenDemoCD.Cpio.Reader;

/// <summary>
/// A read-only window of <c>length</c> bytes onto the archive stream at its current position;
/// the archive ending inside it is reported with the offset where the data ended.
/// </summary>
internal sealed class EntryDataStream(CpioReader reader, string name, long length) : Stream
{
    private long read;

    public long Remaining => length - read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Remaining == 0)
        {
            return 0;
        }
        var wanted = (int)Math.Min(buffer.Length, Remaining);
        var got = reader.ReadSome(buffer[..wanted]);
        if (got == 0)
        {
            throw new CpioFormatException(
                $"data of '{name}'",
                reader.Position,
                $"the archive ends after {read} of its {length} bytes (truncated)"
            );
        }
        read += got;
        return got;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();
}
