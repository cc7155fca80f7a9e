using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// GRUB's images for the CD, made with the root's own GRUB (<see cref="RootGrub"/>): the menu, the
/// BIOS El Torito image, <c>BOOTX64.EFI</c> in a FAT ESP image (reproducible: fixed serial and
/// dates), GRUB's modules for both platforms, <c>boot_hybrid.img</c>, the MBR that lets the ISO
/// boot from a USB stick, and with <c>--secure-boot</c> the UEFI image the SecureBoot stage
/// signs. Every file gets the time <paramref name="time"/>.
/// </summary>
public sealed class GrubImages(ToolRunner tools, RootGrub root, DateTimeOffset time)
{
    // Built into both core images: enough to find the CD and read the menu; the rest is loaded
    // from the CD's module directories.
    private static readonly string[] CoreModules =
    [
        "iso9660",
        "part_msdos",
        "part_gpt",
        "fat",
        "search",
        "search_fs_file",
        "configfile",
        "normal",
        "echo",
        "serial",
        "terminal",
    ];

    // Built into the Secure Boot UEFI image only. Under Secure Boot GRUB loads no module from the CD (the
    // lockdown refuses them), so what the Secure Boot entries use must be inside the signed
    // image: the test of $lockdown, chainloader (with Debian's PE loader for shim, peimage),
    // linux for the plain-Linux entry, and the screen's drivers.
    private static readonly string[] SecureBootModules =
    [
        "test",
        "chain",
        "peimage",
        "linux",
        "gzio",
        "all_video",
        "sleep",
    ];

    /// <summary>
    /// Writes the <paramref name="cd"/> tree (<c>boot/grub</c>, <c>EFI</c>, the boot images, the
    /// ESP image with GRUB as <c>BOOTX64.EFI</c>) and the MBR template at
    /// <paramref name="hybridMbr"/>; with <paramref name="secureBoot"/> (<c>--secure-boot</c>) also
    /// the UEFI image for shim at its path: unsigned, with its SBAT file, and the modules the
    /// Secure Boot entries use built in. <paramref name="scratch"/> is left to the caller.
    /// </summary>
    public async Task MakeAsync(
        string cd,
        string hybridMbr,
        string menu,
        string scratch,
        (string Image, string Sbat)? secureBoot = null
    )
    {
        var grub = Directory.CreateDirectory(Path.Combine(cd, "boot", "grub")).FullName;
        await File.WriteAllTextAsync(Path.Combine(cd, CdLayout.GrubConfig), menu);

        var embedded = Path.Combine(scratch, "embedded.cfg");
        await File.WriteAllTextAsync(
            embedded,
            $"search --no-floppy --file --set=root {CdLayout.Marker}\nset prefix=($root)/boot/grub\nconfigfile $prefix/grub.cfg\n"
        );

        foreach (var platform in new[] { "i386-pc", "x86_64-efi" })
        {
            CopyModules(
                root.Modules(platform),
                Directory.CreateDirectory(Path.Combine(grub, platform)).FullName
            );
        }
        await MakeImageAsync(
            "i386-pc-eltorito",
            Path.Combine(cd, CdLayout.BiosBootImage),
            embedded,
            ["biosdisk", .. CoreModules]
        );
        Directory.CreateDirectory(Path.Combine(cd, "EFI", "BOOT"));
        var efi = Path.Combine(cd, CdLayout.EfiLoader);
        await MakeImageAsync("x86_64-efi", efi, embedded, CoreModules);
        await new EspImage(tools, time).MakeAsync(
            Path.Combine(cd, CdLayout.EfiBootImage),
            [(CdLayout.EfiLoader, efi)]
        );
        if (secureBoot is { } signed)
        {
            await MakeImageAsync(
                "x86_64-efi",
                signed.Image,
                embedded,
                [.. CoreModules, .. SecureBootModules],
                ["--sbat", signed.Sbat]
            );
            File.SetLastWriteTimeUtc(signed.Image, time.UtcDateTime);
        }
        File.Copy(Path.Combine(root.Modules("i386-pc"), "boot_hybrid.img"), hybridMbr);
        StampTree(cd, time);
    }

    private Task MakeImageAsync(
        string format,
        string image,
        string embedded,
        string[] modules,
        string[]? options = null
    ) =>
        tools.RunAsync(
            root.MkimageTool,
            c =>
                c.WithArguments([
                    .. root.MkimagePrefix,
                    "-d",
                    root.Modules(format == "x86_64-efi" ? "x86_64-efi" : "i386-pc"),
                    "-O",
                    format,
                    "-o",
                    image,
                    "-p",
                    "/boot/grub",
                    "-c",
                    embedded,
                    .. options ?? [],
                    .. modules,
                ])
        );

    private static void CopyModules(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            throw new InvalidOperationException(
                $"{from} is missing: usr-layout/bootstrap.json must list the GRUB package for that platform (grub-pc-bin, grub-efi-amd64-bin)."
            );
        }
        foreach (
            var file in Directory
                .GetFiles(from)
                .Where(f =>
                    f.EndsWith(".mod", StringComparison.Ordinal)
                    || f.EndsWith(".lst", StringComparison.Ordinal)
                )
        )
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static void StampTree(string directory, DateTimeOffset stamp)
    {
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, stamp.UtcDateTime);
        }
    }
}
