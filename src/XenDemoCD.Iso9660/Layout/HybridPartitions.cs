using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// The system area's partition tables of a hybrid image (GRUB's grub-mkrescue layout): with a
/// GPT, a protective MBR and the EFI boot image as the ESP between two "Gap" partitions; without,
/// one active MBR partition over the ISO and the ESP as an MBR partition of type 0xEF.
/// </summary>
internal static class HybridPartitions
{
    public static void Plan(ImagePlan plan, IsoImageOptions options)
    {
        var hybrid = options.Hybrid;
        if (hybrid is null)
        {
            return;
        }
        if (plan.BiosImage is null)
        {
            throw new ArgumentException("a GRUB hybrid MBR needs a BIOS boot image");
        }
        if (hybrid.MbrTemplate.Length < MbrFields.BootCodeLength)
        {
            throw new ArgumentException("the hybrid MBR template is shorter than 446 bytes");
        }
        var totalSectors = (ulong)plan.TotalBlocks * 4;
        var mbrCount = (uint)Math.Min(totalSectors - 1, uint.MaxValue);
        var seed = $"{options.VolumeId}|{options.Timestamp.ToUnixTimeSeconds()}|{totalSectors}";
        if (hybrid.Gpt && plan.EfiImage is { } efi)
        {
            plan.DiskGuid = PartitionTables.StableGuid(seed + "|disk");
            var espFirst = (ulong)efi.Lba * 4;
            var espLast = espFirst + (ulong)efi.Blocks * 4 - 1;
            var lastUsable = PartitionTables.LastUsable(totalSectors);
            var number = 1;
            if (espFirst > PartitionTables.FirstUsable)
            {
                plan.GptPartitions.Add(
                    Gpt(
                        number++,
                        PartitionTables.BasicData,
                        PartitionTables.FirstUsable,
                        espFirst - 1,
                        "Gap0"
                    )
                );
            }
            plan.GptPartitions.Add(
                Gpt(number++, PartitionTables.EfiSystem, espFirst, espLast, "EFI boot partition")
            );
            if (espLast < lastUsable)
            {
                plan.GptPartitions.Add(
                    Gpt(number, PartitionTables.BasicData, espLast + 1, lastUsable, "Gap1")
                );
            }
            plan.MbrPartitions.Add(
                new MbrPartition(1, 0, MbrFields.TypeGptProtective, 1, mbrCount)
            );
            if (hybrid.MbrForceBootable)
            {
                plan.MbrPartitions.Add(new MbrPartition(2, MbrFields.StatusActive, 0, 0, 1));
            }
            return;
        }
        plan.MbrPartitions.Add(
            new MbrPartition(
                1,
                MbrFields.StatusActive,
                PartitionTables.IsoPartitionType,
                1,
                mbrCount
            )
        );
        if (plan.EfiImage is { } esp)
        {
            plan.MbrPartitions.Add(new MbrPartition(2, 0, 0xEF, esp.Lba * 4, (uint)esp.Blocks * 4));
        }

        GptPartition Gpt(int n, Guid type, ulong first, ulong last, string name) =>
            new(
                n,
                type,
                PartitionTables.StableGuid($"{seed}|part{n}"),
                first,
                last,
                GptFields.ReadOnlyRequired,
                name
            );
    }
}
