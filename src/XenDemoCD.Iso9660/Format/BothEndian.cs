using System.Buffers.Binary;

namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// ECMA-119 "both-byte order" numbers: little-endian then big-endian copies. Readers take the
/// little-endian half (as Linux does) and tolerate a mismatch, because some mastering tools
/// get the big-endian half wrong.
/// </summary>
internal static class BothEndian
{
    public static void WriteUInt32(Span<byte> span, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], value);
    }

    public static void WriteUInt16(Span<byte> span, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span, value);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], value);
    }

    public static uint ReadUInt32(ReadOnlySpan<byte> span) =>
        BinaryPrimitives.ReadUInt32LittleEndian(span);

    public static ushort ReadUInt16(ReadOnlySpan<byte> span) =>
        BinaryPrimitives.ReadUInt16LittleEndian(span);
}
