namespace XenDemoCD.Build.IO;

/// <summary>
/// A read-only, seekable view of <c>length</c> bytes of a seekable stream from <c>start</c>: a
/// file inside a tar or an ar archive, or a block device whose length FileStream reports as 0.
/// It seeks the inner stream before every read, so several windows may share one stream (one
/// reader at a time). A source that ends inside the window is an error, not a short file.
/// </summary>
public sealed class StreamWindow(Stream inner, long start, long length, bool ownsInner) : Stream
{
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = Math.Clamp(value, 0, length);
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = length - position;
        if (remaining <= 0 || buffer.Length == 0)
        {
            return 0;
        }
        inner.Position = start + position;
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        if (read == 0)
        {
            throw new EndOfStreamException(
                $"The source ends {remaining} bytes before the end of the {length}-byte window at offset {start}."
            );
        }
        position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };

    public override void Flush() { }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
