using System.Buffers.Binary;
using System.Text;
using F = XenDemoCD.Iso9660.Format.VolumeDescriptorFields;

namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// A primary or supplementary volume descriptor (ECMA-119 8.4/8.5). The Joliet SVD is the same
/// record with UCS-2BE identifiers and the "%/E" escape sequence.
/// </summary>
internal sealed record VolumeDescriptor
{
    public static ReadOnlySpan<byte> StandardId => "CD001"u8;
    public static ReadOnlySpan<byte> JolietLevel3Escape => [0x25, 0x2F, 0x45];

    public byte Type { get; init; } = F.TypePrimary;
    public bool IsJoliet { get; init; }
    public string SystemId { get; init; } = "";
    public string VolumeId { get; init; } = "";
    public uint VolumeSpaceSize { get; init; }
    public uint PathTableSize { get; init; }
    public uint LPathTableLba { get; init; }
    public uint MPathTableLba { get; init; }
    public string VolumeSetId { get; init; } = "";
    public string PublisherId { get; init; } = "";
    public string DataPreparerId { get; init; } = "";
    public string ApplicationId { get; init; } = "";
    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? ModificationTime { get; init; }
    public DateTimeOffset? EffectiveTime { get; init; }

    /// <summary>The root directory record, as raw bytes (34 bytes).</summary>
    public byte[] RootRecord { get; init; } = [];

    public void Write(Span<byte> block)
    {
        block[..Sizes.Block].Clear();
        block[F.Type] = Type;
        StandardId.CopyTo(block[F.StandardId..]);
        block[F.Version] = 1;
        WriteText(block.Slice(F.SystemId, F.SystemIdLength), SystemId);
        WriteText(block.Slice(F.VolumeId, F.VolumeIdLength), VolumeId);
        BothEndian.WriteUInt32(block[F.VolumeSpaceSize..], VolumeSpaceSize);
        if (IsJoliet)
        {
            JolietLevel3Escape.CopyTo(block[F.EscapeSequences..]);
        }
        BothEndian.WriteUInt16(block[F.VolumeSetSize..], 1);
        BothEndian.WriteUInt16(block[F.VolumeSequenceNumber..], 1);
        BothEndian.WriteUInt16(block[F.LogicalBlockSize..], Sizes.Block);
        BothEndian.WriteUInt32(block[F.PathTableSize..], PathTableSize);
        BinaryPrimitives.WriteUInt32LittleEndian(block[F.LPathTable..], LPathTableLba);
        BinaryPrimitives.WriteUInt32BigEndian(block[F.MPathTable..], MPathTableLba);
        RootRecord.CopyTo(block[F.RootDirectoryRecord..]);
        WriteText(block.Slice(F.VolumeSetId, F.LongIdLength), VolumeSetId);
        WriteText(block.Slice(F.PublisherId, F.LongIdLength), PublisherId);
        WriteText(block.Slice(F.DataPreparerId, F.LongIdLength), DataPreparerId);
        WriteText(block.Slice(F.ApplicationId, F.LongIdLength), ApplicationId);
        WriteText(block.Slice(F.CopyrightFileId, F.FileIdLength), "");
        WriteText(block.Slice(F.AbstractFileId, F.FileIdLength), "");
        WriteText(block.Slice(F.BibliographicFileId, F.FileIdLength), "");
        IsoTimestamp.WriteLong(block[F.CreationTime..], CreationTime);
        IsoTimestamp.WriteLong(block[F.ModificationTime..], ModificationTime);
        IsoTimestamp.WriteLong(block[F.ExpirationTime..], null);
        IsoTimestamp.WriteLong(block[F.EffectiveTime..], EffectiveTime);
        block[F.FileStructureVersion] = 1;
    }

    public static VolumeDescriptor Read(ReadOnlySpan<byte> block)
    {
        var joliet =
            block[F.Type] == F.TypeSupplementary
            && block.Slice(F.EscapeSequences, 2).SequenceEqual(JolietLevel3Escape[..2])
            && block[F.EscapeSequences + 2] is 0x40 or 0x43 or 0x45;
        return new VolumeDescriptor
        {
            Type = block[F.Type],
            IsJoliet = joliet,
            SystemId = ReadText(block.Slice(F.SystemId, F.SystemIdLength), joliet),
            VolumeId = ReadText(block.Slice(F.VolumeId, F.VolumeIdLength), joliet),
            VolumeSpaceSize = BothEndian.ReadUInt32(block[F.VolumeSpaceSize..]),
            PathTableSize = BothEndian.ReadUInt32(block[F.PathTableSize..]),
            LPathTableLba = BinaryPrimitives.ReadUInt32LittleEndian(block[F.LPathTable..]),
            MPathTableLba = BinaryPrimitives.ReadUInt32BigEndian(block[F.MPathTable..]),
            RootRecord = block.Slice(F.RootDirectoryRecord, 34).ToArray(),
            VolumeSetId = ReadText(block.Slice(F.VolumeSetId, F.LongIdLength), joliet),
            PublisherId = ReadText(block.Slice(F.PublisherId, F.LongIdLength), joliet),
            DataPreparerId = ReadText(block.Slice(F.DataPreparerId, F.LongIdLength), joliet),
            ApplicationId = ReadText(block.Slice(F.ApplicationId, F.LongIdLength), joliet),
            CreationTime = IsoTimestamp.ReadLong(block[F.CreationTime..]),
            ModificationTime = IsoTimestamp.ReadLong(block[F.ModificationTime..]),
            EffectiveTime = IsoTimestamp.ReadLong(block[F.EffectiveTime..]),
        };
    }

    private void WriteText(Span<byte> field, string text)
    {
        if (IsJoliet)
        {
            // UCS-2BE, padded with UCS-2 spaces; an odd trailing byte stays a single 0x20.
            field.Fill(0x20);
            for (var i = 0; i < field.Length / 2; i++)
            {
                var c = i < text.Length ? text[i] : ' ';
                BinaryPrimitives.WriteUInt16BigEndian(field[(2 * i)..], c);
            }
            if (field.Length % 2 == 1)
            {
                field[^1] = 0x20;
            }
            return;
        }
        field.Fill((byte)' ');
        var ascii = Encoding.ASCII.GetBytes(text);
        ascii.AsSpan(0, Math.Min(ascii.Length, field.Length)).CopyTo(field);
    }

    private static string ReadText(ReadOnlySpan<byte> field, bool joliet)
    {
        var text = joliet
            ? Encoding.BigEndianUnicode.GetString(field[..(field.Length & ~1)])
            : Encoding.Latin1.GetString(field);
        return text.TrimEnd(' ', '\0');
    }
}

/// <summary>The El Torito boot record volume descriptor (type 0): points at the boot catalog.</summary>
internal static class BootRecordDescriptor
{
    public static void Write(Span<byte> block, uint catalogLba)
    {
        block[..Sizes.Block].Clear();
        block[F.Type] = F.TypeBootRecord;
        VolumeDescriptor.StandardId.CopyTo(block[F.StandardId..]);
        block[F.Version] = 1;
        Encoding.ASCII.GetBytes(
            BootRecordFields.ElToritoId,
            block[BootRecordFields.BootSystemId..]
        );
        BinaryPrimitives.WriteUInt32LittleEndian(block[BootRecordFields.CatalogLba..], catalogLba);
    }

    public static uint? ReadCatalogLba(ReadOnlySpan<byte> block)
    {
        var id = Encoding.ASCII.GetBytes(BootRecordFields.ElToritoId);
        return block.Slice(BootRecordFields.BootSystemId, id.Length).SequenceEqual(id)
            ? BinaryPrimitives.ReadUInt32LittleEndian(block[BootRecordFields.CatalogLba..])
            : null;
    }
}

internal static class TerminatorDescriptor
{
    public static void Write(Span<byte> block)
    {
        block[..Sizes.Block].Clear();
        block[F.Type] = F.TypeTerminator;
        VolumeDescriptor.StandardId.CopyTo(block[F.StandardId..]);
        block[F.Version] = 1;
    }
}
