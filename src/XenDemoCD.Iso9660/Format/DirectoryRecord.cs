using F = XenDemoCD.Iso9660.Format.DirectoryRecordFields;

namespace XenDemoCD.Iso9660.Format;

/// <summary>An ECMA-119 directory record (9.1): fixed 33 bytes, identifier, pad, System Use area.</summary>
internal readonly record struct DirectoryRecord(
    uint ExtentLba,
    uint DataLength,
    DateTimeOffset RecordingTime,
    byte Flags,
    byte[] Identifier,
    int SystemUseOffset,
    int SystemUseLength,
    int RecordLength
)
{
    public bool IsDirectory => (Flags & F.FlagDirectory) != 0;

    public bool IsMultiExtent => (Flags & F.FlagMultiExtent) != 0;

    /// <summary>Identifier 0x00 is '.', 0x01 is '..'.</summary>
    public bool IsSelfOrParent => Identifier is [0] or [1];

    /// <summary>Bytes a record takes: fixed part, identifier, pad to even, System Use area, pad to even.</summary>
    public static int SizeOf(int identifierLength, int systemUseLength)
    {
        var size = F.Identifier + identifierLength + (identifierLength % 2 == 0 ? 1 : 0);
        size += systemUseLength;
        return size + (size % 2);
    }

    /// <summary>Writes one record; returns its length.</summary>
    public static int Write(
        Span<byte> span,
        uint extentLba,
        uint dataLength,
        DateTimeOffset recordingTime,
        byte flags,
        ReadOnlySpan<byte> identifier,
        ReadOnlySpan<byte> systemUse
    )
    {
        var length = SizeOf(identifier.Length, systemUse.Length);
        if (length > Sizes.MaxDirectoryRecord)
        {
            throw new InvalidOperationException($"directory record of {length} bytes");
        }
        var record = span[..length];
        record.Clear();
        record[F.Length] = (byte)length;
        BothEndian.WriteUInt32(record[F.ExtentLba..], extentLba);
        BothEndian.WriteUInt32(record[F.DataLength..], dataLength);
        IsoTimestamp.WriteShort(record[F.RecordingTime..], recordingTime);
        record[F.Flags] = flags;
        BothEndian.WriteUInt16(record[F.VolumeSequenceNumber..], 1);
        record[F.IdentifierLength] = (byte)identifier.Length;
        identifier.CopyTo(record[F.Identifier..]);
        var systemUseOffset =
            F.Identifier + identifier.Length + (identifier.Length % 2 == 0 ? 1 : 0);
        systemUse.CopyTo(record[systemUseOffset..]);
        return length;
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="span"/>; <paramref name="offset"/> is its
    /// position in the image, for error messages. Returns null for the zero padding at a block's end.
    /// </summary>
    public static DirectoryRecord? Read(ReadOnlySpan<byte> span, long offset)
    {
        if (span.Length == 0 || span[F.Length] == 0)
        {
            return null;
        }
        int length = span[F.Length];
        if (length < F.Identifier + 1 || length > span.Length)
        {
            throw new IsoFormatException(
                "directory record",
                offset,
                $"length {length} does not fit (at most {span.Length} bytes left in the block)"
            );
        }
        int identifierLength = span[F.IdentifierLength];
        if (identifierLength == 0 || F.Identifier + identifierLength > length)
        {
            throw new IsoFormatException(
                "directory record",
                offset,
                $"identifier length {identifierLength} does not fit in a {length}-byte record"
            );
        }
        var systemUseOffset = F.Identifier + identifierLength + (identifierLength % 2 == 0 ? 1 : 0);
        return new DirectoryRecord(
            BothEndian.ReadUInt32(span[F.ExtentLba..]),
            BothEndian.ReadUInt32(span[F.DataLength..]),
            IsoTimestamp.ReadShort(span[F.RecordingTime..]),
            span[F.Flags],
            span.Slice(F.Identifier, identifierLength).ToArray(),
            Math.Min(systemUseOffset, length),
            Math.Max(0, length - systemUseOffset),
            length
        );
    }
}
