using XenDemoCD.Iso9660;

namespace XenDemoCD.IsoTool;

internal static class InfoCommand
{
    public static int Run(Arguments arguments, TextWriter output, TextWriter error)
    {
        using var image = IsoImage.Open(arguments.Positional(0));
        Volume(output, "Primary volume descriptor", image.Primary);
        if (image.Joliet is { } joliet)
        {
            Volume(output, "Joliet volume descriptor", joliet);
        }
        output.WriteLine(
            image.RockRidgeDamage is { } damage ? $"Rock Ridge: damaged ({damage.Message})"
            : image.HasRockRidge ? "Rock Ridge: yes"
            : "Rock Ridge: no"
        );
        output.WriteLine($"Image size: {image.ImageLength} bytes");
        if (image.BootCatalogLba is { } catalog)
        {
            output.WriteLine($"El Torito catalog at LBA {catalog}");
            var n = 1;
            foreach (var e in image.BootEntries)
            {
                output.WriteLine(
                    $"  entry {n++}: platform {e.PlatformName}, {(e.Bootable ? "bootable" : "not bootable")}, media {e.MediaType}, load segment 0x{e.LoadSegment:x4}, sectors {e.SectorCount}, LBA {e.Lba}"
                );
            }
        }
        else
        {
            output.WriteLine("El Torito: none");
        }
        var area = image.SystemArea;
        output.WriteLine($"MBR signature: {(area.HasMbrSignature ? "55 AA" : "none")}");
        foreach (var p in area.Mbr)
        {
            output.WriteLine(
                $"  MBR {p.Number}: status 0x{p.Status:x2} type 0x{p.Type:x2} start {p.FirstLba} sectors {p.SectorCount}"
            );
        }
        if (area.GptDiskGuid is { } disk)
        {
            output.WriteLine($"GPT disk {disk}, backup header at sector {area.GptBackupLba}");
            foreach (var p in area.Gpt)
            {
                output.WriteLine(
                    $"  GPT {p.Number}: type {p.Type} sectors {p.FirstLba}-{p.LastLba} attributes 0x{p.Attributes:x16} '{p.Name}'"
                );
            }
        }
        return 0;
    }

    private static void Volume(TextWriter output, string title, VolumeInfo v)
    {
        output.WriteLine($"{title}:");
        output.WriteLine($"  System id:      {v.SystemId}");
        output.WriteLine($"  Volume id:      {v.VolumeId}");
        output.WriteLine($"  Volume blocks:  {v.VolumeSpaceBlocks}");
        output.WriteLine($"  Publisher:      {v.PublisherId}");
        output.WriteLine($"  Data preparer:  {v.DataPreparerId}");
        output.WriteLine($"  Application:    {v.ApplicationId}");
        output.WriteLine($"  Created:        {v.CreationTime:u}");
        output.WriteLine($"  Modified:       {v.ModificationTime:u}");
        output.WriteLine($"  Root directory: LBA {v.RootLba}, {v.RootSize} bytes");
    }
}
