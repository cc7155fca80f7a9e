namespace XenDemoCD.Build.Cd;

/// <summary>Names the CD, GRUB and linuxrc agree on.</summary>
public static class CdLayout
{
    /// <summary>The ISO's volume id: the label linuxrc and <c>xendemo.cd=</c> look for.</summary>
    public const string VolumeId = "XENDEMOCD";

    /// <summary>The file that marks a XenDemoCD; GRUB searches for it to find its own CD.</summary>
    public const string Marker = "/XenDemoCD/root.tar.gz";

    public const string BiosBootImage = "boot/grub/i386-pc/eltorito.img";
    public const string EfiBootImage = "boot/grub/efi.img";
    public const string GrubConfig = "boot/grub/grub.cfg";

    /// <summary>GRUB as the UEFI removable-media loader, on the CD and in its ESP image.</summary>
    public const string EfiLoader = "EFI/BOOT/BOOTX64.EFI";
}
