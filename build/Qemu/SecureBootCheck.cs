using System.Text.RegularExpressions;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// What the <c>uefi-secureboot</c> case adds to a boot: a fresh copy of OVMF's variable store
/// with Microsoft's keys (a PC's), Secure Boot seen on from dom0, and the refusal of a tampered
/// CD: the same ISO with one byte changed in the middle of its signed <c>xen.efi</c> (inside the
/// dom0 kernel the image carries), booted with the enrolled store, must stop at shim's
/// verification (through the launcher for Xen, through GRUB for the plain-Linux kernel) and
/// never start Xen or Linux.
/// </summary>
public static class SecureBootCheck
{
    /// <summary>The EFI global variable, as efivarfs names it: 4 bytes of attributes, then 0 or 1.</summary>
    public const string SecureBootVariable =
        "/sys/firmware/efi/efivars/SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c";

    /// <summary>The check run in dom0: efivarfs mounted (systemd mounts it) and the variable's value 1.</summary>
    public static (string Name, string Command) SecureBootOn =>
        ("secure-boot-on", $"[ \"$(od -An -tu1 -j4 -N1 {SecureBootVariable} | tr -d ' ')\" = 1 ]");

    /// <summary>GRUB's words when shim does not verify an image GRUB loads (the plain-Linux kernel).</summary>
    public const string GrubRefusal = "bad shim signature";

    /// <summary>
    /// The launcher's words when the firmware's LoadImage, which shim hooks under Secure Boot,
    /// refuses xen.efi (secureboot/launcher/xen-launcher.c).
    /// </summary>
    public const string LauncherRefusal = @"xen-launcher: \\EFI\\xendemo\\xen\.efi refused";

    /// <summary>A new variable store in <paramref name="directory"/>, as a PC with Secure Boot on leaves the factory.</summary>
    public static string FreshVariables(string directory)
    {
        var vars = Path.Combine(directory, "OVMF_VARS.secureboot.fd");
        File.Copy(QemuMachine.OvmfMicrosoftVars, vars, overwrite: true);
        return vars;
    }

    /// <summary>
    /// Copies <paramref name="iso"/> to <paramref name="directory"/> with one byte changed in
    /// each copy of the kernel <paramref name="kernelPath"/> the CD holds: the file itself, and
    /// the same bytes inside the signed xen.efi in the ESP image. Both are found by a 4 KiB run
    /// of the kernel's middle, which occurs nowhere else. Returns the copy.
    /// </summary>
    public static string Tampered(string iso, string kernelPath, string directory)
    {
        var probe = new byte[4096];
        using (var image = IsoImage.Open(iso))
        {
            var entry =
                image.Find(kernelPath)
                ?? throw new InvalidOperationException($"{iso} has no {kernelPath}");
            using var kernel = image.OpenRead(entry);
            var middle = entry.Size / 2 / probe.Length * probe.Length;
            kernel.ReadExactly(new byte[middle]);
            kernel.ReadExactly(probe);
        }
        var copy = Path.Combine(directory, "tampered.iso");
        File.Copy(iso, copy, overwrite: true);
        var found = Find(copy, probe);
        if (found.Count != 2)
        {
            throw new InvalidOperationException(
                $"{iso} holds {found.Count} copies of the middle of {kernelPath}, where the CD should have two: the file, and inside the signed xen.efi in its ESP image"
            );
        }
        using var file = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite);
        foreach (var position in found)
        {
            file.Position = position + probe.Length / 2;
            var value = file.ReadByte();
            file.Position = position + probe.Length / 2;
            file.WriteByte((byte)(value ^ 0x01));
        }
        return copy;
    }

    /// <summary>Every offset of <paramref name="pattern"/> in <paramref name="path"/>.</summary>
    private static List<long> Find(string path, byte[] pattern)
    {
        var found = new List<long>();
        using var file = File.OpenRead(path);
        var buffer = new byte[16 << 20];
        long bufferStart = 0;
        var filled = 0;
        while (true)
        {
            var read = file.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var span = buffer.AsSpan(0, filled);
            var from = 0;
            int at;
            while ((at = span[from..].IndexOf(pattern)) >= 0)
            {
                found.Add(bufferStart + from + at);
                from += at + 1;
            }
            if (read == 0)
            {
                return found;
            }
            // Keep the tail that could start a match across the boundary.
            var keep = Math.Min(pattern.Length - 1, filled);
            buffer.AsSpan(filled - keep, keep).CopyTo(buffer);
            bufferStart += filled - keep;
            filled = keep;
        }
    }

    /// <summary>
    /// Boots the tampered copy of <paramref name="iso"/> on <paramref name="machine"/> (whose
    /// variables hold the enrolled certificate) twice: the first Secure Boot entry (xen.efi) and
    /// the plain-Linux one (the kernel). The first must end in the launcher's report of shim's
    /// refusal, the second in GRUB's, and neither Xen nor Linux may start. Returns what failed (nothing when both were refused)
    /// and a summary.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Failed, string Summary)> RefusesTamperedAsync(
        string qemu,
        QemuMachine machine,
        string iso,
        string kernelPath,
        string scratch,
        Func<string, string> logFile,
        SecretMask mask,
        CancellationToken cancellation
    )
    {
        var tampered = Tampered(iso, kernelPath, scratch);
        var failed = new List<string>();
        try
        {
            foreach (
                var (entry, name, refusal) in new[]
                {
                    (0, "xen.efi", LauncherRefusal),
                    (BootCase.PlainLinuxEntry, "the kernel", GrubRefusal),
                }
            )
            {
                var log = logFile($"tampered-{entry}");
                await using var console = (machine with { Iso = tampered }).StartHeadless(
                    qemu,
                    scratch,
                    log,
                    mask
                );
                await console.BootGrubEntryAsync(entry, TimeSpan.FromMinutes(3), cancellation);
                await console.WaitForAsync(
                    new Regex($"{GrubRefusal}|{LauncherRefusal}|Xen version|Linux version"),
                    TimeSpan.FromMinutes(3),
                    cancellation
                );
                if (!Regex.IsMatch(console.Printed, refusal))
                {
                    failed.Add(
                        $"with one byte of its kernel changed, the CD started {name} (log {log})"
                    );
                }
            }
        }
        finally
        {
            File.Delete(tampered);
        }
        return (
            failed,
            failed.Count == 0
                ? "one byte of the kernel changed: xen.efi refused by shim through the launcher, the kernel by GRUB (bad shim signature)"
                : "a tampered image STARTED"
        );
    }
}
