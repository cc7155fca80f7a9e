using System.Globalization;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// GRUB's images for the CD, made with the root's own GRUB (<see cref="RootGrub"/>): the menu, the
/// BIOS El Torito image, <c>BOOTX64.EFI</c> in a FAT ESP image (reproducible: fixed serial and
/// dates), GRUB's modules for both platforms, and <c>boot_hybrid.img</c>, the MBR that lets the
/// ISO boot from a USB stick. Every file gets the time <paramref name="time"/>.
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

    /// <summary>
    /// Writes the <paramref name="cd"/> tree (<c>boot/grub</c>, <c>EFI</c>, the boot images) and
    /// the MBR template at <paramref name="hybridMbr"/>; <paramref name="scratch"/> is left to the caller.
    /// </summary>
    public async Task MakeAsync(string cd, string hybridMbr, string menu, string scratch)
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
        await MakeEspAsync(efi, Path.Combine(cd, CdLayout.EfiBootImage));
        File.Copy(Path.Combine(root.Modules("i386-pc"), "boot_hybrid.img"), hybridMbr);
        StampTree(cd, time);
    }

    private Task MakeImageAsync(string format, string image, string embedded, string[] modules) =>
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
                    .. modules,
                ])
        );

    // The FAT image holds only \EFI\BOOT\BOOTX64.EFI. --invariant fixes the volume serial and
    // FAT's own times; SOURCE_DATE_EPOCH and the file's mtime fix the entries mtools writes.
    private async Task MakeEspAsync(string efi, string esp)
    {
        var sizeKiB = Math.Max(1440, (new FileInfo(efi).Length / 1024 + 512) / 512 * 512);
        var epoch = time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        File.SetLastWriteTimeUtc(efi, time.UtcDateTime);
        await tools.RunAsync(
            HostTools.MkfsFat,
            c =>
                c.WithArguments([
                        "--invariant",
                        "-n",
                        "XENDEMO_ESP",
                        "-C",
                        esp,
                        sizeKiB.ToString(CultureInfo.InvariantCulture),
                    ])
                    .WithEnvironmentVariables(e => e.Set("SOURCE_DATE_EPOCH", epoch))
        );
        var mtoolsEnv = new Dictionary<string, string?>
        {
            ["SOURCE_DATE_EPOCH"] = epoch,
            ["MTOOLS_SKIP_CHECK"] = "1",
            ["TZ"] = "UTC",
        };
        await tools.RunAsync(
            HostTools.Mmd,
            c =>
                c.WithArguments(["-i", esp, "::/EFI", "::/EFI/BOOT"])
                    .WithEnvironmentVariables(mtoolsEnv)
        );
        await tools.RunAsync(
            HostTools.Mcopy,
            c =>
                c.WithArguments(["-m", "-i", esp, efi, "::/EFI/BOOT/BOOTX64.EFI"])
                    .WithEnvironmentVariables(mtoolsEnv)
        );
    }

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
