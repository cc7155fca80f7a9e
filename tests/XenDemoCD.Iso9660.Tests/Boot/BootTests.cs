using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Boot;

/// <summary>The image boots GRUB in BIOS and UEFI, as a CD and as a raw disk (USB stick).</summary>
[Trait("Category", "Integration")]
public sealed class BootTests(GrubBootImageFixture image) : IClassFixture<GrubBootImageFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(150);

    [Fact]
    public void Xorriso_reports_a_bios_and_a_uefi_el_torito_entry_with_boot_info_table()
    {
        var output = DebianTool
            .Run("xorriso", "-indev", image.IsoPath, "-report_el_torito", "plain")
            .Output;
        Assert.Matches(
            @"El Torito boot img :\s+1\s+BIOS\s+y\s+none\s+0x0000\s+0x00\s+4\s+\d+",
            output
        );
        Assert.Matches(
            @"El Torito boot img :\s+2\s+UEFI\s+y\s+none\s+0x0000\s+0x00\s+4096\s+\d+",
            output
        );
        Assert.Contains("El Torito img opts :   1  boot-info-table grub2-boot-info", output);
        Assert.Contains("El Torito cat path : /boot.catalog", output);
    }

    [Fact]
    public void Xorriso_reports_the_grub2_mbr_protective_label_and_a_gpt_with_the_esp()
    {
        var output = DebianTool
            .Run("xorriso", "-indev", image.IsoPath, "-report_system_area", "plain")
            .Output;
        Assert.Contains(
            "System area summary: MBR protective-msdos-label grub2-mbr cyl-align-off GPT",
            output
        );
        Assert.Matches(@"MBR partition      :   1   0x00  0xee\s+1\s+\d+", output);
        Assert.Matches(@"MBR partition      :   2   0x80  0x00\s+0\s+1", output);
        Assert.Contains("GPT partition path :   2  /boot/grub/efi.img", output);
        Assert.Contains("28732ac11ff8d211ba4b00a0c93ec93b", output);
    }

    [Fact]
    public void Our_reader_sees_both_boot_entries_and_the_partition_tables()
    {
        using var reader = IsoImage.Open(image.IsoPath);
        Assert.Equal(["BIOS", "UEFI"], reader.BootEntries.Select(e => e.PlatformName));
        Assert.Equal(4, reader.BootEntries[0].SectorCount);
        Assert.Equal(3, reader.SystemArea.Gpt.Count);
        Assert.Equal((ulong)reader.ImageLength / 512 - 1, reader.SystemArea.GptBackupLba);
    }

    [Fact]
    public void Grub_starts_from_cdrom_with_seabios()
    {
        var serial = Qemu.BootAndWaitFor(
            GrubBootImageFixture.Marker,
            image.Scratch.Path,
            uefi: false,
            ["-cdrom", image.IsoPath, "-boot", "d"],
            Timeout
        );
        Assert.Contains("platform=pc", serial);
    }

    [Fact]
    public void Grub_starts_from_cdrom_with_ovmf()
    {
        var serial = Qemu.BootAndWaitFor(
            GrubBootImageFixture.Marker,
            image.Scratch.Path,
            uefi: true,
            ["-cdrom", image.IsoPath],
            Timeout
        );
        Assert.Contains("platform=efi", serial);
    }

    [Fact]
    public void Grub_starts_from_a_plain_disk_with_seabios_through_the_hybrid_mbr()
    {
        var serial = Qemu.BootAndWaitFor(
            GrubBootImageFixture.Marker,
            image.Scratch.Path,
            uefi: false,
            ["-drive", $"file={image.IsoPath},format=raw,snapshot=on"],
            Timeout
        );
        Assert.Contains("platform=pc root=hd0", serial);
    }

    [Fact]
    public void Grub_starts_from_a_plain_disk_with_ovmf_through_the_gpt_esp()
    {
        var serial = Qemu.BootAndWaitFor(
            GrubBootImageFixture.Marker,
            image.Scratch.Path,
            uefi: true,
            ["-drive", $"file={image.IsoPath},format=raw,snapshot=on"],
            Timeout
        );
        Assert.Contains("platform=efi root=hd0", serial);
    }
}
