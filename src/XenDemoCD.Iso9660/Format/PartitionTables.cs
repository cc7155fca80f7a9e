using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using G = XenDemoCD.Iso9660.Format.GptFields;
using M = XenDemoCD.Iso9660.Format.MbrFields;

namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// Partition tables for a hybrid image (GRUB's grub-mkrescue layout): a protective MBR plus a
/// GPT whose EFI System partition is the El Torito EFI image, and "Gap" basic-data partitions
/// over the rest of the ISO so partitions never overlap. A dummy active MBR entry keeps BIOSes
/// that insist on an active partition booting.
/// </summary>
internal static class PartitionTables
{
    public static readonly Guid BasicData = new("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7");
    public static readonly Guid EfiSystem = new("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");

    /// <summary>Sectors the backup GPT needs at the end of the image (entries + header).</summary>
    public const int BackupSectors = G.EntriesSectors + 1;

    public const byte IsoPartitionType = 0xCD;

    /// <summary>Bytes 446..511: MBR partition entries and the 55 AA signature.</summary>
    public static void WriteMbr(Span<byte> sector0, IReadOnlyList<MbrPartition> partitions)
    {
        sector0[M.PartitionTable..Sizes.Sector].Clear();
        foreach (var p in partitions)
        {
            var e = sector0.Slice(
                M.PartitionTable + (p.Number - 1) * M.PartitionEntrySize,
                M.PartitionEntrySize
            );
            e[M.EntryStatus] = p.Status;
            WriteChs(e[M.EntryChsFirst..], p.SectorCount == 0 ? 0 : p.FirstLba);
            e[M.EntryType] = p.Type;
            WriteChs(e[M.EntryChsLast..], p.FirstLba + Math.Max(p.SectorCount, 1) - 1);
            BinaryPrimitives.WriteUInt32LittleEndian(e[M.EntryFirstLba..], p.FirstLba);
            BinaryPrimitives.WriteUInt32LittleEndian(e[M.EntrySectorCount..], p.SectorCount);
        }
        sector0[M.Signature] = 0x55;
        sector0[M.Signature + 1] = 0xAA;
    }

    /// <summary>CHS with 64 heads and 32 sectors per track (what xorriso assumes), capped at cylinder 1023.</summary>
    private static void WriteChs(Span<byte> span, uint lba)
    {
        const uint heads = 64,
            sectors = 32;
        var cylinder = lba / (heads * sectors);
        var head = lba / sectors % heads;
        var sector = lba % sectors + 1;
        if (cylinder > 1023)
        {
            (cylinder, head, sector) = (1023, heads - 1, sectors);
        }
        span[0] = (byte)head;
        span[1] = (byte)(sector | ((cylinder >> 2) & 0xC0));
        span[2] = (byte)cylinder;
    }

    /// <summary>Writes the primary GPT (header at LBA 1, entries at LBA 2) into the system area.</summary>
    public static void WritePrimaryGpt(
        Span<byte> systemArea,
        Guid disk,
        IReadOnlyList<GptPartition> partitions,
        ulong totalSectors
    )
    {
        var entries = systemArea.Slice(2 * Sizes.Sector, G.EntriesSectors * Sizes.Sector);
        WriteEntries(entries, partitions);
        WriteHeader(
            systemArea.Slice(Sizes.Sector, Sizes.Sector),
            disk,
            current: 1,
            backup: totalSectors - 1,
            entriesLba: 2,
            totalSectors,
            Crc32.Compute(entries)
        );
    }

    /// <summary>The backup GPT: entries then header, the last 33 sectors of the image.</summary>
    public static byte[] BackupGpt(
        Guid disk,
        IReadOnlyList<GptPartition> partitions,
        ulong totalSectors
    )
    {
        var tail = new byte[BackupSectors * Sizes.Sector];
        var entries = tail.AsSpan(0, G.EntriesSectors * Sizes.Sector);
        WriteEntries(entries, partitions);
        WriteHeader(
            tail.AsSpan(G.EntriesSectors * Sizes.Sector),
            disk,
            current: totalSectors - 1,
            backup: 1,
            entriesLba: totalSectors - BackupSectors,
            totalSectors,
            Crc32.Compute(entries)
        );
        return tail;
    }

    public static ulong FirstUsable => Sizes.SystemAreaBlocks * 4;

    public static ulong LastUsable(ulong totalSectors) => totalSectors - BackupSectors - 1;

    private static void WriteEntries(Span<byte> entries, IReadOnlyList<GptPartition> partitions)
    {
        entries.Clear();
        foreach (var p in partitions)
        {
            var e = entries.Slice((p.Number - 1) * G.EntryBytes, G.EntryBytes);
            p.Type.TryWriteBytes(e[G.EntryTypeGuid..]);
            p.Id.TryWriteBytes(e[G.EntryUniqueGuid..]);
            BinaryPrimitives.WriteUInt64LittleEndian(e[G.EntryFirstLba..], p.FirstLba);
            BinaryPrimitives.WriteUInt64LittleEndian(e[G.EntryLastLba..], p.LastLba);
            BinaryPrimitives.WriteUInt64LittleEndian(e[G.EntryAttributes..], p.Attributes);
            Encoding.Unicode.GetBytes(p.Name, e.Slice(G.EntryName, G.EntryNameLength));
        }
    }

    private static void WriteHeader(
        Span<byte> sector,
        Guid disk,
        ulong current,
        ulong backup,
        ulong entriesLba,
        ulong totalSectors,
        uint entriesCrc
    )
    {
        sector.Clear();
        "EFI PART"u8.CopyTo(sector);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[G.Revision..], 0x00010000);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[G.HeaderSize..], G.HeaderLength);
        BinaryPrimitives.WriteUInt64LittleEndian(sector[G.CurrentLba..], current);
        BinaryPrimitives.WriteUInt64LittleEndian(sector[G.BackupLba..], backup);
        BinaryPrimitives.WriteUInt64LittleEndian(sector[G.FirstUsableLba..], FirstUsable);
        BinaryPrimitives.WriteUInt64LittleEndian(
            sector[G.LastUsableLba..],
            LastUsable(totalSectors)
        );
        disk.TryWriteBytes(sector[G.DiskGuid..]);
        BinaryPrimitives.WriteUInt64LittleEndian(sector[G.EntriesLba..], entriesLba);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[G.EntryCount..], G.Entries);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[G.EntrySize..], G.EntryBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(sector[G.EntriesCrc..], entriesCrc);
        BinaryPrimitives.WriteUInt32LittleEndian(
            sector[G.HeaderCrc..],
            Crc32.Compute(sector[..G.HeaderLength])
        );
    }

    /// <summary>A GUID that depends only on its inputs (RFC 4122 version 4 layout), for reproducible images.</summary>
    public static Guid StableGuid(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16).ToArray();
        hash[7] = (byte)((hash[7] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash);
    }

    /// <summary>Reads the MBR and the primary GPT (if any) from the first 32 KiB of an image.</summary>
    public static SystemAreaInfo Read(ReadOnlySpan<byte> systemArea)
    {
        var hasSignature = systemArea[M.Signature] == 0x55 && systemArea[M.Signature + 1] == 0xAA;
        var mbr = new List<MbrPartition>();
        if (hasSignature)
        {
            for (var i = 0; i < 4; i++)
            {
                var e = systemArea.Slice(
                    M.PartitionTable + i * M.PartitionEntrySize,
                    M.PartitionEntrySize
                );
                var type = e[M.EntryType];
                var count = BinaryPrimitives.ReadUInt32LittleEndian(e[M.EntrySectorCount..]);
                if (type != 0 || count != 0 || e[M.EntryStatus] != 0)
                {
                    mbr.Add(
                        new MbrPartition(
                            i + 1,
                            e[M.EntryStatus],
                            type,
                            BinaryPrimitives.ReadUInt32LittleEndian(e[M.EntryFirstLba..]),
                            count
                        )
                    );
                }
            }
        }
        var header = systemArea.Slice(Sizes.Sector, Sizes.Sector);
        if (!header[..8].SequenceEqual("EFI PART"u8))
        {
            return new SystemAreaInfo(hasSignature, mbr, null, [], null);
        }
        var gpt = new List<GptPartition>();
        var entriesLba = BinaryPrimitives.ReadUInt64LittleEndian(header[G.EntriesLba..]);
        var count2 = Math.Min(
            BinaryPrimitives.ReadUInt32LittleEndian(header[G.EntryCount..]),
            1024u
        );
        var size = BinaryPrimitives.ReadUInt32LittleEndian(header[G.EntrySize..]);
        if (size >= G.EntryBytes && size <= 4096)
        {
            for (var i = 0; i < count2; i++)
            {
                var offset = (long)entriesLba * Sizes.Sector + (long)i * size;
                if (offset < 0 || offset + G.EntryBytes > systemArea.Length)
                {
                    break;
                }
                var e = systemArea.Slice((int)offset, G.EntryBytes);
                var type = new Guid(e.Slice(G.EntryTypeGuid, 16));
                if (type == Guid.Empty)
                {
                    continue;
                }
                gpt.Add(
                    new GptPartition(
                        i + 1,
                        type,
                        new Guid(e.Slice(G.EntryUniqueGuid, 16)),
                        BinaryPrimitives.ReadUInt64LittleEndian(e[G.EntryFirstLba..]),
                        BinaryPrimitives.ReadUInt64LittleEndian(e[G.EntryLastLba..]),
                        BinaryPrimitives.ReadUInt64LittleEndian(e[G.EntryAttributes..]),
                        Encoding
                            .Unicode.GetString(e.Slice(G.EntryName, G.EntryNameLength))
                            .TrimEnd('\0')
                    )
                );
            }
        }
        return new SystemAreaInfo(
            hasSignature,
            mbr,
            new Guid(header.Slice(G.DiskGuid, 16)),
            gpt,
            BinaryPrimitives.ReadUInt64LittleEndian(header[G.BackupLba..])
        );
    }
}
