namespace XenDemoCD.Build.Progress;

/// <summary>
/// Passes reads through and reports how many bytes were read of the stream's length: the
/// progress of an in-process unpack, measured on its compressed input.
/// </summary>
public sealed class ReadProgressStream(Stream inner, IStepProgress progress, string? detail = null)
    : Stream
{
    private readonly long? length = LengthOf(inner);
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length ?? throw new NotSupportedException();

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = inner.Read(buffer);
        read += count;
        progress.Report(read, length, detail);
        return count;
    }

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException();

    private static long? LengthOf(Stream stream)
    {
        try
        {
            return stream.Length;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
