using System.Buffers.Binary;
using System.IO.Compression;
using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Reader;

/// <summary>
/// Decompresses a zisofs file block by block. Every pointer is checked to rise and to stay in
/// the file, and no block may inflate beyond the block size, so a hostile file cannot make
/// the reader allocate or loop without bound.
/// </summary>
internal sealed class ZisofsStream : Stream
{
    private readonly Stream stored;
    private readonly string path;
    private readonly long storedOffset;
    private readonly int blockSize;
    private readonly uint[] pointers;
    private readonly byte[] block;
    private int blockIndex = -1;
    private int blockLength;
    private long position;

    public ZisofsStream(Stream stored, long size, string path, long offsetForErrors)
    {
        this.stored = stored;
        this.path = path;
        storedOffset = offsetForErrors;
        Span<byte> header = stackalloc byte[ZisofsFields.HeaderLength];
        if (stored.Length < header.Length)
        {
            throw Error(0, "shorter than its 16-byte header");
        }
        stored.ReadExactly(header);
        if (!header[..8].SequenceEqual(ZisofsFields.Magic))
        {
            throw Error(0, "header magic is wrong");
        }
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(
            header[ZisofsFields.UncompressedSize..]
        );
        var headerSize = header[ZisofsFields.HeaderSizeDiv4] * 4;
        var log2 = header[ZisofsFields.BlockSizeLog2];
        if (log2 is < 15 or > 17 || headerSize < ZisofsFields.HeaderLength)
        {
            throw Error(0, $"block size 2^{log2} or header size {headerSize} is not valid");
        }
        if (declared != size)
        {
            // The ZF entry and the header disagree: trusting the larger would let a tiny file
            // claim gigabytes of output.
            throw Error(0, $"header says {declared} bytes, the ZF entry {size}");
        }
        Length = declared;
        blockSize = 1 << log2;
        var count = (int)((declared + (long)blockSize - 1) / blockSize);
        if ((long)headerSize + (count + 1L) * 4 > stored.Length)
        {
            throw Error(headerSize, $"block pointer table for {count} blocks runs past the file");
        }
        var table = new byte[(count + 1) * 4];
        stored.Position = headerSize;
        stored.ReadExactly(table);
        pointers = new uint[count + 1];
        for (var i = 0; i <= count; i++)
        {
            pointers[i] = BinaryPrimitives.ReadUInt32LittleEndian(table.AsSpan(i * 4));
            if (pointers[i] > stored.Length || (i > 0 && pointers[i] < pointers[i - 1]))
            {
                throw Error(
                    headerSize + i * 4,
                    $"block pointer {i} ({pointers[i]}) is out of order or past the file"
                );
            }
        }
        block = new byte[blockSize];
    }

    private IsoFormatException Error(long offset, string problem) =>
        new($"zisofs data of {path}", storedOffset + offset, problem);

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
        var index = (int)(position / blockSize);
        if (index != blockIndex)
        {
            LoadBlock(index);
        }
        var within = (int)(position - (long)index * blockSize);
        var take = Math.Min(buffer.Length, blockLength - within);
        block.AsSpan(within, take).CopyTo(buffer);
        position += take;
        return take;
    }

    private void LoadBlock(int index)
    {
        blockIndex = index;
        blockLength = (int)Math.Min(blockSize, Length - (long)index * blockSize);
        var start = pointers[index];
        var end = pointers[index + 1];
        if (end == start)
        {
            Array.Clear(block, 0, blockLength);
            return;
        }
        if (end - start > blockSize * 2L + 1024)
        {
            throw Error(
                start,
                $"compressed block {index} is {end - start} bytes, more than a block can need"
            );
        }
        var compressed = new byte[end - start];
        stored.Position = start;
        stored.ReadExactly(compressed);
        try
        {
            using var zlib = new ZLibStream(
                new MemoryStream(compressed),
                CompressionMode.Decompress
            );
            var filled = 0;
            while (filled < blockLength)
            {
                var read = zlib.Read(block, filled, blockLength - filled);
                if (read == 0)
                {
                    break;
                }
                filled += read;
            }
            if (filled != blockLength)
            {
                throw Error(
                    start,
                    $"block {index} inflates to {filled} bytes, expected {blockLength}"
                );
            }
        }
        catch (InvalidDataException e)
        {
            throw Error(start, $"block {index} is not a valid zlib stream ({e.Message})");
        }
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

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stored.Dispose();
        }
        base.Dispose(disposing);
    }
}
