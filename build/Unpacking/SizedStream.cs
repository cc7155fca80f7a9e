namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// A seekable stream with a known length: a block device reports a length of 0 through
/// FileStream, so its size comes from sysfs instead.
/// </summary>
public sealed class SizedStream(Stream inner, long length) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        inner.Read(buffer, offset, (int)Math.Min(count, Math.Max(0, length - inner.Position)));

    public override long Seek(long offset, SeekOrigin origin) =>
        inner.Seek(
            origin == SeekOrigin.End ? length + offset : offset,
            origin == SeekOrigin.End ? SeekOrigin.Begin : origin
        );

    public override void Flush() { }

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
