using System.Buffers.Binary;
using System.Text;
using F = XenDemoCD.Iso9660.Format.ElToritoFields;

namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// The El Torito boot catalog: a validation entry, the default entry (here: BIOS), then one
/// section per further platform (here: a single UEFI section).
/// </summary>
internal static class BootCatalog
{
    public static void Write(Span<byte> block, IReadOnlyList<BootEntry> entries)
    {
        block[..Sizes.Block].Clear();
        if (entries.Count == 0)
        {
            return;
        }
        var first = entries[0];
        var validation = block[..F.EntrySize];
        validation[F.HeaderId] = 1;
        validation[F.Platform] = first.Platform;
        validation[F.KeyByte55] = 0x55;
        validation[F.KeyByteAA] = 0xAA;
        ushort sum = 0;
        for (var i = 0; i < F.EntrySize; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16LittleEndian(validation[i..]);
        }
        BinaryPrimitives.WriteUInt16LittleEndian(validation[F.Checksum..], (ushort)-sum);
        WriteEntry(block.Slice(F.EntrySize, F.EntrySize), first);

        // Later entries grouped into sections by platform, as the firmware looks them up.
        var sections = entries.Skip(1).GroupBy(e => e.Platform).ToList();
        var offset = 2 * F.EntrySize;
        for (var s = 0; s < sections.Count; s++)
        {
            var header = block.Slice(offset, F.EntrySize);
            header[F.SectionHeaderIndicator] =
                s == sections.Count - 1 ? F.LastSectionHeader : F.MoreSectionHeaders;
            header[F.SectionPlatform] = sections[s].Key;
            BinaryPrimitives.WriteUInt16LittleEndian(
                header[F.SectionEntryCount..],
                (ushort)sections[s].Count()
            );
            offset += F.EntrySize;
            foreach (var entry in sections[s])
            {
                WriteEntry(block.Slice(offset, F.EntrySize), entry);
                offset += F.EntrySize;
            }
        }
    }

    private static void WriteEntry(Span<byte> span, BootEntry entry)
    {
        span[F.BootIndicator] = entry.Bootable ? F.Bootable : F.NotBootable;
        span[F.MediaType] = entry.MediaType;
        BinaryPrimitives.WriteUInt16LittleEndian(span[F.LoadSegment..], entry.LoadSegment);
        span[F.SystemType] = entry.SystemType;
        BinaryPrimitives.WriteUInt16LittleEndian(span[F.SectorCount..], entry.SectorCount);
        BinaryPrimitives.WriteUInt32LittleEndian(span[F.LoadRba..], entry.Lba);
    }

    private static BootEntry ReadEntry(ReadOnlySpan<byte> span, byte platform) =>
        new(
            platform,
            span[F.BootIndicator] == F.Bootable,
            span[F.MediaType],
            BinaryPrimitives.ReadUInt16LittleEndian(span[F.LoadSegment..]),
            span[F.SystemType],
            BinaryPrimitives.ReadUInt16LittleEndian(span[F.SectorCount..]),
            BinaryPrimitives.ReadUInt32LittleEndian(span[F.LoadRba..])
        );

    /// <summary>Reads every entry; <paramref name="offset"/> is the catalog's image offset.</summary>
    public static List<BootEntry> Read(ReadOnlySpan<byte> block, long offset)
    {
        if (block[F.HeaderId] != 1 || block[F.KeyByte55] != 0x55 || block[F.KeyByteAA] != 0xAA)
        {
            throw new IsoFormatException(
                "El Torito validation entry",
                offset,
                "missing header id 1 or key bytes 55 AA"
            );
        }
        ushort sum = 0;
        for (var i = 0; i < F.EntrySize; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16LittleEndian(block[i..]);
        }
        if (sum != 0)
        {
            throw new IsoFormatException(
                "El Torito validation entry",
                offset,
                $"checksum does not sum to zero (0x{sum:x4})"
            );
        }
        var entries = new List<BootEntry> { ReadEntry(block[F.EntrySize..], block[F.Platform]) };
        var position = 2 * F.EntrySize;
        while (position + F.EntrySize <= Sizes.Block)
        {
            var header = block.Slice(position, F.EntrySize);
            if (header[0] is not (F.MoreSectionHeaders or F.LastSectionHeader))
            {
                break;
            }
            var platform = header[F.SectionPlatform];
            int count = BinaryPrimitives.ReadUInt16LittleEndian(header[F.SectionEntryCount..]);
            position += F.EntrySize;
            for (var i = 0; i < count && position + F.EntrySize <= Sizes.Block; i++)
            {
                var entry = block.Slice(position, F.EntrySize);
                position += F.EntrySize;
                entries.Add(ReadEntry(entry, platform));
                // Section entry extensions (0x44) carry selection criteria, not images.
                while (position + F.EntrySize <= Sizes.Block && block[position] == 0x44)
                {
                    position += F.EntrySize;
                }
            }
            if (header[0] == F.LastSectionHeader)
            {
                break;
            }
        }
        return entries;
    }

    public static string IdString(ReadOnlySpan<byte> block) =>
        Encoding.ASCII.GetString(block.Slice(F.IdString, F.IdStringLength)).TrimEnd('\0', ' ');
}

/// <summary>
/// The boot info table that mkisofs/xorriso patch into a BIOS boot image (-boot-info-table),
/// and GRUB's own patch field (--grub2-boot-info): both tell the loader where it was loaded from.
/// </summary>
internal static class BootInfoTable
{
    public static void PatchGrub2(Span<byte> image, uint imageLba)
    {
        if (image.Length >= F.Grub2BootInfo + 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(
                image[F.Grub2BootInfo..],
                (ulong)imageLba * 4 + 5
            );
        }
    }

    public static void Patch(Span<byte> image, uint pvdLba, uint imageLba)
    {
        if (image.Length < F.InfoTableEnd)
        {
            throw new InvalidOperationException(
                "BIOS boot image is too small for a boot info table"
            );
        }
        image[F.InfoTablePvdLba..F.InfoTableEnd].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(image[F.InfoTablePvdLba..], pvdLba);
        BinaryPrimitives.WriteUInt32LittleEndian(image[F.InfoTableFileLba..], imageLba);
        BinaryPrimitives.WriteUInt32LittleEndian(
            image[F.InfoTableFileLength..],
            (uint)image.Length
        );
        uint sum = 0;
        Span<byte> word = stackalloc byte[4];
        for (var i = F.InfoTableEnd; i < image.Length; i += 4)
        {
            word.Clear();
            var take = Math.Min(4, image.Length - i);
            image.Slice(i, take).CopyTo(word);
            sum += BinaryPrimitives.ReadUInt32LittleEndian(word);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(image[F.InfoTableChecksum..], sum);
    }
}
