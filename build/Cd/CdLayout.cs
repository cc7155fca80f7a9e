namespace XenDemoCD.Build.Cd;

/// <summary>Names the CD, GRUB and linuxrc agree on.</summary>
public static class CdLayout
{
    /// <summary>The ISO's volume id: the label linuxrc and <c>xendemo.cd=</c> look for.</summary>
    public const string VolumeId = "XENDEMOCD";

    /// <summary>The file that marks a XenDemoCD; GRUB searches for it to find its own CD.</summary>
    public const string Marker = "/XenDemoCD/root.tar.gz";

    /// <summary>The kernel every entry boots (signed, for the Secure Boot entries).</summary>
    public const string Kernel = "/boot/vmlinuz";

    public const string BiosBootImage = "boot/grub/i386-pc/eltorito.img";
    public const string EfiBootImage = "boot/grub/efi.img";
    public const string GrubConfig = "boot/grub/grub.cfg";

    /// <summary>Debian's signed shim as the UEFI removable-media loader, on the CD and in its ESP image.</summary>
    public const string EfiLoader = "EFI/BOOT/BOOTX64.EFI";

    /// <summary>Our GRUB, signed with the build's key: shim's second stage, beside it.</summary>
    public const string EfiGrub = "EFI/BOOT/grubx64.efi";

    /// <summary>MokManager, which shim starts from beside it to enrol our certificate.</summary>
    public const string EfiMokManager = "EFI/BOOT/mmx64.efi";

    /// <summary>The certificate (DER) in the ESP, where MokManager's "Enroll key from disk" finds it.</summary>
    public const string EspCertificate = "EFI/xendemo/xendemo.cer";

    /// <summary>The signed unified Xen image (Xen, its configuration, dom0's kernel and initrd), in the ESP only.</summary>
    public const string UnifiedXen = "EFI/xendemo/xen.efi";

    /// <summary>
    /// Our signed launcher, which GRUB's Secure Boot entries chainload: it starts
    /// <see cref="UnifiedXen"/> from the ESP's filesystem (secureboot/launcher/xen-launcher.c).
    /// </summary>
    public const string XenLauncher = "EFI/xendemo/xen-launcher.efi";

    /// <summary>The certificate on the CD for people and tools: DER and PEM.</summary>
    public const string Certificate = "EFI/xendemo.cer";
    public const string CertificatePem = "EFI/xendemo.pem";
}
