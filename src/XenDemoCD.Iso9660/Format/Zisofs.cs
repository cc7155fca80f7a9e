using System.Buffers.Binary;
using System.IO.Compression;

namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// The block table of a zisofs file, computed while laying out the image so the compressed
/// size is known before any byte is written. Only the pointers are kept, never the data.
/// </summary>
internal sealed class ZisofsPlan(int blockSizeLog2, long uncompressedSize, uint[] pointers)
{
    public int BlockSizeLog2 { get; } = blockSizeLog2;

    public long UncompressedSize { get; } = uncompressedSize;

    /// <summary>Absolute offsets within the stored file; one more than there are blocks.</summary>
    public uint[] Pointers { get; } = pointers;

    public long StoredLength => Pointers[^1];
}

/// <summary>
/// zisofs (mkzftree format): 16-byte header, block pointer table, then one zlib stream per
/// block; an all-zero block is stored as zero bytes. Compression runs twice (plan, then write)
/// and the second pass must reproduce the first, which deflate at a fixed level does.
/// </summary>
internal static class ZisofsEncoder
{
    public static int HeaderAndTableLength(long size, int log2) =>
        ZisofsFields.HeaderLength + (BlockCount(size, log2) + 1) * 4;

    private static int BlockCount(long size, int log2) => (int)((size + (1L << log2) - 1) >> log2);

    public static ZisofsPlan Plan(Stream source, long size, int log2)
    {
        var count = BlockCount(size, log2);
        var pointers = new uint[count + 1];
        var position = (long)HeaderAndTableLength(size, log2);
        var block = new byte[1 << log2];
        using var compressed = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            pointers[i] = (uint)position;
            var length = ReadBlock(source, block, size - ((long)i << log2));
            position += Compress(block.AsSpan(0, length), compressed);
        }
        pointers[count] = (uint)position;
        return new ZisofsPlan(log2, size, pointers);
    }

    public static void Write(Stream source, Stream output, ZisofsPlan plan)
    {
        Span<byte> header = stackalloc byte[ZisofsFields.HeaderLength];
        header.Clear();
        ZisofsFields.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(
            header[ZisofsFields.UncompressedSize..],
            (uint)plan.UncompressedSize
        );
        header[ZisofsFields.HeaderSizeDiv4] = ZisofsFields.HeaderLength / 4;
        header[ZisofsFields.BlockSizeLog2] = (byte)plan.BlockSizeLog2;
        output.Write(header);
        var table = new byte[plan.Pointers.Length * 4];
        for (var i = 0; i < plan.Pointers.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(i * 4), plan.Pointers[i]);
        }
        output.Write(table);
        var block = new byte[1 << plan.BlockSizeLog2];
        using var compressed = new MemoryStream();
        for (var i = 0; i < plan.Pointers.Length - 1; i++)
        {
            var length = ReadBlock(
                source,
                block,
                plan.UncompressedSize - ((long)i << plan.BlockSizeLog2)
            );
            var written = Compress(block.AsSpan(0, length), compressed);
            if (written != plan.Pointers[i + 1] - plan.Pointers[i])
            {
                throw new IOException(
                    "zisofs: a block compressed differently than during layout (source changed?)"
                );
            }
            output.Write(compressed.GetBuffer(), 0, written);
        }
    }

    private static int ReadBlock(Stream source, byte[] block, long remaining)
    {
        var want = (int)Math.Min(block.Length, remaining);
        source.ReadExactly(block, 0, want);
        return want;
    }

    private static int Compress(ReadOnlySpan<byte> data, MemoryStream compressed)
    {
        compressed.SetLength(0);
        if (!data.ContainsAnyExcept((byte)0))
        {
            return 0;
        }
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return (int)compressed.Length;
    }
}
