using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// The El Torito boot catalog's entries: the BIOS no-emulation image (with the boot info table or
/// GRUB's 2548 patch written into it when asked) and the UEFI image (platform 0xEF).
/// </summary>
internal static class ElToritoPlanning
{
    public static void Plan(ImagePlan plan, ElToritoOptions boot, DataItem? bios, DataItem? efi)
    {
        if (bios is not null)
        {
            var item = bios;
            if (item.Transform == DataTransform.Zisofs)
            {
                throw new ArgumentException("the BIOS boot image cannot be zisofs-compressed");
            }
            if (boot.BootInfoTable || boot.Grub2BootInfo)
            {
                item.Transform = DataTransform.BiosBootImage;
            }
            plan.BiosImage = item;
            plan.BootEntries.Add(
                new BootEntry(
                    ElToritoFields.PlatformBios,
                    true,
                    0,
                    0,
                    0,
                    boot.BiosLoadSectors,
                    item.Lba
                )
            );
        }
        if (efi is not null)
        {
            var item = efi;
            if (item.Transform == DataTransform.Zisofs)
            {
                throw new ArgumentException("the EFI boot image cannot be zisofs-compressed");
            }
            plan.EfiImage = item;
            var sectors = (item.StoredLength + Sizes.Sector - 1) / Sizes.Sector;
            plan.BootEntries.Add(
                new BootEntry(
                    ElToritoFields.PlatformEfi,
                    true,
                    0,
                    0,
                    0,
                    sectors > ushort.MaxValue ? (ushort)0 : (ushort)sectors,
                    item.Lba
                )
            );
        }
    }
}
