namespace XenDemoCD.Iso9660.Reader;

/// <summary>Random access to the image bytes, with every read checked against the image's end.</summary>
internal sealed class ImageSource(Stream stream, bool leaveOpen) : IDisposable
{
    private readonly object gate = new();

    public long Length { get; } = stream.Length;

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>.</summary>
    public void Read(long offset, Span<byte> buffer, string structure)
    {
        if (offset < 0 || offset + buffer.Length > Length)
        {
            throw new IsoFormatException(
                structure,
                offset,
                $"{buffer.Length} bytes needed but the image ends at {Length} (truncated?)"
            );
        }
        lock (gate)
        {
            stream.Position = offset;
            stream.ReadExactly(buffer);
        }
    }

    public byte[] ReadBytes(long offset, int count, string structure)
    {
        var bytes = new byte[count];
        Read(offset, bytes, structure);
        return bytes;
    }

    public void Dispose()
    {
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }
}
