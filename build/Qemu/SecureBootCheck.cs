using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// What the <c>uefi-secureboot</c> case adds to a boot: a fresh copy of OVMF's variable store
/// with Microsoft's keys (a PC's), Secure Boot seen on from dom0, and the refusal of a tampered
/// CD: the same ISO with one byte changed in the middle of its signed <c>xen.efi</c> (inside the
/// dom0 kernel the image carries), booted with the enrolled store, must stop at GRUB's
/// verification through shim and never start Xen.
/// </summary>
public static class SecureBootCheck
{
    /// <summary>The EFI global variable, as efivarfs names it: 4 bytes of attributes, then 0 or 1.</summary>
    public const string SecureBootVariable =
        "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c";

    /// <summary>The check run in dom0: efivarfs mounted (systemd mounts it) and the variable's value 1.</summary>
    public static (string Name, string Command) SecureBootOn =>
        ("secure-boot-on", $"[ \"$(od -An -tu1 -j4 -N1 {SecureBootVariable} | tr -d ' ')\" = 1 ]");

    /// <summary>A new variable store in <paramref name="directory"/>, as a PC with Secure Boot on leaves the factory.</summary>
    public static string FreshVariables(string directory)
    {
        var vars = Path.Combine(directory, "OVMF_VARS.secureboot.fd");
        File.Copy(QemuMachine.OvmfMicrosoftVars, vars, overwrite: true);
        return vars;
    }

    /// <summary>
    /// Copies <paramref name="iso"/> to <paramref name="directory"/> with one byte of its file
    /// <paramref name="signedXen"/> flipped; returns the copy and the byte's offset in the file.
    /// </summary>
    public static (string Iso, long Offset) Tampered(string iso, string signedXen, string directory)
    {
        long position;
        long offset;
        using (var image = IsoImage.Open(iso))
        {
            var entry =
                image.Find(signedXen)
                ?? throw new InvalidOperationException(
                    $"{iso} has no {signedXen}: not a CD with the Secure Boot path"
                );
            if (entry.Extents.Count != 1 || entry.ZisofsBlockSizeLog2 is not null)
            {
                throw new InvalidOperationException(
                    $"{signedXen} is not stored plain in one extent: GRUB could not read it either"
                );
            }
            offset = entry.Size / 2;
            position = (long)entry.Extents[0].Lba * 2048 + offset;
        }
        var copy = Path.Combine(directory, "tampered.iso");
        File.Copy(iso, copy, overwrite: true);
        using (var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = position;
            var value = file.ReadByte();
            file.Position = position;
            file.WriteByte((byte)(value ^ 0x01));
        }
        return (copy, offset);
    }

    /// <summary>
    /// Boots the tampered copy of <paramref name="iso"/> on <paramref name="machine"/> (whose
    /// variables hold the enrolled certificate): GRUB's first entry must end in shim's refusal,
    /// and Xen must not start. Returns what failed (nothing when refused) and a summary.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Failed, string Summary)> RefusesTamperedAsync(
        string qemu,
        QemuMachine machine,
        string iso,
        string signedXen,
        string scratch,
        string logFile,
        SecretMask mask,
        CancellationToken cancellation
    )
    {
        var (tampered, offset) = Tampered(iso, signedXen, scratch);
        try
        {
            await using var console = (machine with { Iso = tampered }).StartHeadless(
                qemu,
                scratch,
                logFile,
                mask
            );
            await console.BootGrubEntryAsync(0, TimeSpan.FromMinutes(3), cancellation);
            await console.WaitForAsync(
                new System.Text.RegularExpressions.Regex("bad shim signature|Xen version"),
                TimeSpan.FromMinutes(3),
                cancellation
            );
            if (console.Printed.Contains("Xen version", StringComparison.Ordinal))
            {
                return (
                    [
                        $"the CD with byte {offset:N0} of {signedXen} changed started Xen (log {logFile})",
                    ],
                    "tampered xen.efi STARTED"
                );
            }
            return ([], $"tampered xen.efi (byte {offset:N0}) refused: bad shim signature");
        }
        finally
        {
            File.Delete(tampered);
        }
    }
}
