using System.Buffers.Binary;
using F = XenDemoCD.Iso9660.Format.PathTableFields;

namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// A path table record (ECMA-119 9.4). The L table stores numbers little-endian, the M table
/// big-endian; everything else is identical. Nothing in this library reads path tables back
/// (the directory tree is authoritative, as in Linux), but GRUB and DOS-era readers use them.
/// </summary>
internal static class PathTableRecord
{
    public static int SizeOf(int identifierLength) =>
        F.Identifier + identifierLength + (identifierLength % 2);

    public static int Write(
        Span<byte> span,
        ReadOnlySpan<byte> identifier,
        uint extentLba,
        ushort parentNumber,
        bool bigEndian
    )
    {
        var length = SizeOf(identifier.Length);
        var record = span[..length];
        record.Clear();
        record[F.IdentifierLength] = (byte)identifier.Length;
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(record[F.ExtentLba..], extentLba);
            BinaryPrimitives.WriteUInt16BigEndian(record[F.ParentNumber..], parentNumber);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record[F.ExtentLba..], extentLba);
            BinaryPrimitives.WriteUInt16LittleEndian(record[F.ParentNumber..], parentNumber);
        }
        identifier.CopyTo(record[F.Identifier..]);
        return length;
    }
}
