using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// Every logical block of the image, in ECMA-119's volume space order (6.2, 8): the volume
/// descriptors from block 16 (primary, El Torito's boot record, Joliet's supplementary, the
/// terminator), the boot catalog, each tree's path tables, each directory with its Rock Ridge
/// continuation areas, then the file data; and, for a hybrid image with GPT, the backup GPT's
/// room at the end.
/// </summary>
internal static class BlockAllocation
{
    public static void Assign(ImagePlan plan, IsoImageOptions options, DataItems data, bool hasEfi)
    {
        uint lba = Sizes.FirstDescriptorBlock;
        plan.PvdLba = lba++;
        if (options.Boot is not null)
        {
            plan.BootRecordLba = lba++;
        }
        if (plan.Joliet is not null)
        {
            plan.SvdLba = lba++;
        }
        plan.TerminatorLba = lba++;
        if (options.Boot is not null)
        {
            plan.CatalogLba = lba++;
            data.Catalog!.Lba = plan.CatalogLba.Value;
        }
        foreach (var treePlan in new[] { plan.Primary, plan.Joliet })
        {
            if (treePlan is null)
            {
                continue;
            }
            treePlan.LPathTableLba = lba;
            lba += treePlan.PathTableBlocks;
            treePlan.MPathTableLba = lba;
            lba += treePlan.PathTableBlocks;
        }
        foreach (var treePlan in new[] { plan.Primary, plan.Joliet })
        {
            foreach (var directory in treePlan?.Directories ?? [])
            {
                directory.Lba = lba;
                lba += directory.Size / Sizes.Block;
                directory.ContinuationBlocks = PlaceContinuations(directory.Continuations, lba);
                lba += directory.ContinuationBlocks;
            }
        }
        plan.EmptyExtentLba = lba;
        foreach (var item in data.InOrder)
        {
            if (item.Transform == DataTransform.BootCatalog)
            {
                continue;
            }
            item.Lba = item.StoredLength == 0 ? plan.EmptyExtentLba : lba;
            var end = (long)lba + item.Blocks;
            if (end > uint.MaxValue)
            {
                throw new InvalidOperationException("image larger than 8 TiB");
            }
            lba = (uint)end;
        }
        // The catalog has its block among the descriptors, not among the file data.
        data.InOrder.RemoveAll(d => d.Transform == DataTransform.BootCatalog);
        plan.DataEndLba = lba;
        var needsGpt = options.Hybrid is { Gpt: true } && hasEfi;
        var tailBlocks = needsGpt
            ? (PartitionTables.BackupSectors * Sizes.Sector + Sizes.Block - 1) / Sizes.Block
            : 0;
        plan.TotalBlocks = lba + (uint)tailBlocks;
    }

    /// <summary>Packs areas into blocks from <paramref name="firstLba"/>, none crossing a block; returns blocks used.</summary>
    private static uint PlaceContinuations(List<ContinuationArea> areas, uint firstLba)
    {
        if (areas.Count == 0)
        {
            return 0;
        }
        var lba = firstLba;
        var offset = 0;
        foreach (var area in areas)
        {
            if (offset + area.Length > Sizes.Block)
            {
                lba++;
                offset = 0;
            }
            area.Lba = lba;
            area.Offset = offset;
            offset += area.Length;
        }
        return lba - firstLba + 1;
    }
}
