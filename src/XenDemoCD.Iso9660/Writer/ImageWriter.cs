using System.Buffers.Binary;
using XenDemoCD.Iso9660.Format;
using XenDemoCD.Iso9660.Layout;

namespace XenDemoCD.Iso9660.Writer;

/// <summary>
/// Streams a planned image front to back: system area, descriptors, catalog, path tables,
/// directories, continuation areas, file data, backup GPT. The output never needs to seek,
/// and only one directory and the prefetcher's bounded read-ahead are in memory at a time.
/// </summary>
internal sealed class ImageWriter(
    ImagePlan plan,
    Stream output,
    IProgress<IsoWriteProgress>? progress = null,
    CancellationToken cancellation = default
)
{
    // Often enough for a smooth display, rarely enough to cost nothing against the copying.
    private const long ReportEvery = 4 << 20;
    private readonly byte[] block = new byte[Sizes.Block];
    private long position;
    private long reported;

    public void Write()
    {
        WriteSystemArea();
        WriteDescriptors();
        if (plan.CatalogLba is { } catalogLba)
        {
            Seek(catalogLba);
            BootCatalog.Write(block, plan.BootEntries);
            Emit(block);
        }
        WritePathTables(plan.Primary);
        if (plan.Joliet is not null)
        {
            WritePathTables(plan.Joliet);
        }
        WriteDirectories(plan.Primary);
        if (plan.Joliet is not null)
        {
            WriteDirectories(plan.Joliet);
        }
        WriteData();
        WriteTail();
        output.Flush();
        progress?.Report(new IsoWriteProgress(position, plan.TotalBytes));
    }

    private void WriteSystemArea()
    {
        var area = new byte[Sizes.SystemAreaBlocks * Sizes.Block];
        if (plan.Options.Hybrid is { } hybrid && plan.BiosImage is { } bios)
        {
            hybrid.MbrTemplate.AsSpan(0, MbrFields.BootCodeLength).CopyTo(area);
            // GRUB's boot_hybrid.img finds core.img through this: the BIOS image's 512-byte LBA + 4.
            BinaryPrimitives.WriteUInt64LittleEndian(
                area.AsSpan(MbrFields.Grub2HybridPatch),
                (ulong)bios.Lba * 4 + 4
            );
            PartitionTables.WriteMbr(area, plan.MbrPartitions);
            if (plan.GptPartitions.Count > 0)
            {
                PartitionTables.WritePrimaryGpt(
                    area,
                    plan.DiskGuid,
                    plan.GptPartitions,
                    (ulong)plan.TotalBlocks * 4
                );
            }
        }
        Emit(area);
    }

    private void WriteDescriptors()
    {
        var options = plan.Options;
        var primary = Descriptor(plan.Primary, joliet: false);
        Seek(plan.PvdLba);
        primary.Write(block);
        Emit(block);
        if (plan.BootRecordLba is { } bootLba)
        {
            Seek(bootLba);
            BootRecordDescriptor.Write(block, plan.CatalogLba!.Value);
            Emit(block);
        }
        if (plan.SvdLba is { } svdLba)
        {
            Seek(svdLba);
            Descriptor(plan.Joliet!, joliet: true).Write(block);
            Emit(block);
        }
        Seek(plan.TerminatorLba);
        TerminatorDescriptor.Write(block);
        Emit(block);

        VolumeDescriptor Descriptor(TreePlan tree, bool joliet)
        {
            var root = new byte[34];
            DirectoryRecord.Write(
                root,
                tree.Root.Lba,
                tree.Root.Size,
                tree.Root.Time,
                DirectoryRecordFields.FlagDirectory,
                [0],
                []
            );
            return new VolumeDescriptor
            {
                Type = joliet
                    ? VolumeDescriptorFields.TypeSupplementary
                    : VolumeDescriptorFields.TypePrimary,
                IsJoliet = joliet,
                SystemId = joliet ? options.SystemId : DChars(options.SystemId, aChars: true),
                VolumeId = joliet ? options.VolumeId : DChars(options.VolumeId, aChars: false),
                VolumeSpaceSize = plan.TotalBlocks,
                PathTableSize = tree.PathTableSize,
                LPathTableLba = tree.LPathTableLba,
                MPathTableLba = tree.MPathTableLba,
                RootRecord = root,
                VolumeSetId = joliet ? options.VolumeSetId : DChars(options.VolumeSetId, false),
                PublisherId = joliet ? options.PublisherId : DChars(options.PublisherId, true),
                DataPreparerId = joliet
                    ? options.DataPreparerId
                    : DChars(options.DataPreparerId, true),
                ApplicationId = joliet
                    ? options.ApplicationId
                    : DChars(options.ApplicationId, true),
                CreationTime = options.Timestamp,
                ModificationTime = options.Timestamp,
                EffectiveTime = options.Timestamp,
            };
        }
    }

    /// <summary>Upper case and, for d-character fields, only A–Z 0–9 _ (anything else becomes _).</summary>
    private static string DChars(string text, bool aChars)
    {
        var upper = text.ToUpperInvariant();
        var chars = upper
            .Select(c =>
                c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ? c
                : aChars && c is (>= ' ' and <= '?') and not ('#' or '$' or '@') ? c
                : '_'
            )
            .ToArray();
        return new string(chars);
    }

    private void WritePathTables(TreePlan tree)
    {
        foreach (var bigEndian in new[] { false, true })
        {
            Seek(bigEndian ? tree.MPathTableLba : tree.LPathTableLba);
            var table = new byte[tree.PathTableBlocks * Sizes.Block];
            var offset = 0;
            foreach (var directory in tree.Directories)
            {
                offset += PathTableRecord.Write(
                    table.AsSpan(offset),
                    directory.Identifier,
                    directory.Lba,
                    (directory.Parent ?? directory).Number,
                    bigEndian
                );
            }
            Emit(table);
        }
    }

    private void WriteDirectories(TreePlan tree)
    {
        foreach (var directory in tree.Directories)
        {
            Seek(directory.Lba);
            var bytes = new byte[directory.Size];
            var parent = directory.Parent ?? directory;
            foreach (var (offset, child, section) in directory.Slots())
            {
                var span = bytes.AsSpan(offset);
                if (child is null)
                {
                    var target = section == 0 ? directory : parent;
                    DirectoryRecord.Write(
                        span,
                        target.Lba,
                        target.Size,
                        target.Time,
                        DirectoryRecordFields.FlagDirectory,
                        [(byte)section],
                        SystemUse(section == 0 ? directory.SelfSusp : directory.ParentSusp)
                    );
                    continue;
                }
                WriteChildRecord(span, child, section, plan.EmptyExtentLba);
            }
            Emit(bytes);
            WriteContinuations(directory);
        }
    }

    private static void WriteChildRecord(
        Span<byte> span,
        RecordPlan child,
        int section,
        uint emptyLba
    )
    {
        uint lba;
        uint length;
        byte flags = 0;
        if (child.Directory is { } directory)
        {
            (lba, length, flags) = (
                directory.Lba,
                directory.Size,
                DirectoryRecordFields.FlagDirectory
            );
        }
        else if (child.Data is { } data)
        {
            var sectionStart = section * Sizes.MaxSection;
            lba = data.StoredLength == 0 ? emptyLba : (uint)(data.Lba + sectionStart / Sizes.Block);
            length =
                data.Sections == 1
                    ? (uint)data.StoredLength
                    : (uint)Math.Min(data.StoredLength - sectionStart, Sizes.MaxSection);
            if (section < data.Sections - 1)
            {
                flags |= DirectoryRecordFields.FlagMultiExtent;
            }
        }
        else
        {
            (lba, length) = (emptyLba, 0);
        }
        DirectoryRecord.Write(
            span,
            lba,
            length,
            child.Time,
            flags,
            child.Identifier,
            SystemUse(child.Susp)
        );
    }

    private static byte[] SystemUse(SuspArea? susp)
    {
        if (susp is null)
        {
            return [];
        }
        if (susp.Continuations.Count == 0)
        {
            return susp.InRecord;
        }
        var bytes = new byte[susp.RecordLength];
        susp.InRecord.CopyTo(bytes, 0);
        var first = susp.Continuations[0];
        RockRidgeEntries.WriteCe(
            bytes.AsSpan(susp.InRecord.Length),
            first.Lba,
            (uint)first.Offset,
            (uint)first.Length
        );
        return bytes;
    }

    private void WriteContinuations(DirectoryPlan directory)
    {
        if (directory.ContinuationBlocks == 0)
        {
            return;
        }
        var first = directory.Continuations[0].Lba;
        Seek(first);
        var areas = new byte[directory.ContinuationBlocks * Sizes.Block];
        // Areas of one record are consecutive in the list, so a chained area's successor is the next one.
        for (var i = 0; i < directory.Continuations.Count; i++)
        {
            var area = directory.Continuations[i];
            var at = (int)(area.Lba - first) * Sizes.Block + area.Offset;
            area.Body.CopyTo(areas, at);
            if (area.Chained)
            {
                var next = directory.Continuations[i + 1];
                RockRidgeEntries.WriteCe(
                    areas.AsSpan(at + area.Body.Length),
                    next.Lba,
                    (uint)next.Offset,
                    (uint)next.Length
                );
            }
        }
        Emit(areas);
    }

    private void WriteData()
    {
        using var prefetcher = new DataPrefetcher(plan.Data);
        foreach (var item in plan.Data)
        {
            if (item.StoredLength == 0)
            {
                continue;
            }
            cancellation.ThrowIfCancellationRequested();
            Seek(item.Lba);
            var start = position;
            switch (item.Transform)
            {
                case DataTransform.BiosBootImage:
                    WriteBiosImage(item);
                    break;
                case DataTransform.Zisofs:
                    using (var source = item.Content!.OpenRead())
                    {
                        var counting = new PositionTrackingStream(output);
                        ZisofsEncoder.Write(source, counting, item.Zisofs!);
                        Advance(counting.Written);
                    }
                    break;
                default:
                    prefetcher.CopyNext(item, Emit, cancellation);
                    break;
            }
            if (position - start != item.StoredLength)
            {
                throw new IOException(
                    $"{item.Content}: wrote {position - start} bytes, the layout expected {item.StoredLength}"
                );
            }
            Pad();
        }
    }

    private void WriteBiosImage(DataItem item)
    {
        if (item.StoredLength > 64 << 20)
        {
            throw new InvalidOperationException("BIOS boot image larger than 64 MiB");
        }
        var image = new byte[item.StoredLength];
        using (var source = item.Content!.OpenRead())
        {
            source.ReadExactly(image);
        }
        var boot = plan.Options.Boot!;
        if (boot.Grub2BootInfo)
        {
            BootInfoTable.PatchGrub2(image, item.Lba);
        }
        if (boot.BootInfoTable)
        {
            BootInfoTable.Patch(image, plan.PvdLba, item.Lba);
        }
        Emit(image);
    }

    private void WriteTail()
    {
        Seek(plan.DataEndLba);
        if (plan.GptPartitions.Count == 0)
        {
            return;
        }
        var totalSectors = (ulong)plan.TotalBlocks * 4;
        var backup = PartitionTables.BackupGpt(plan.DiskGuid, plan.GptPartitions, totalSectors);
        PadToByte(plan.TotalBytes - backup.Length);
        Emit(backup);
    }

    private void Seek(uint lba) => PadToByte((long)lba * Sizes.Block);

    private void Pad() => PadToByte((position + Sizes.Block - 1) / Sizes.Block * Sizes.Block);

    private void PadToByte(long target)
    {
        if (target < position)
        {
            throw new InvalidOperationException(
                $"layout error: writing at byte {position}, but the next structure starts at {target}"
            );
        }
        Span<byte> zeros = stackalloc byte[Sizes.Block];
        zeros.Clear();
        while (position < target)
        {
            var take = (int)Math.Min(zeros.Length, target - position);
            Emit(zeros[..take]);
        }
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        Advance(bytes.Length);
    }

    private void Advance(long bytes)
    {
        position += bytes;
        if (progress is not null && position - reported >= ReportEvery)
        {
            reported = position;
            progress.Report(new IsoWriteProgress(position, plan.TotalBytes));
        }
    }

    /// <summary>Counts bytes written through it (zisofs output length is checked against the plan).</summary>
    private sealed class PositionTrackingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => Written;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) =>
            throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }
    }
}
