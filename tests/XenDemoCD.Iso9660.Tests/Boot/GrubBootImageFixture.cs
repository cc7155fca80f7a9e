using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Boot;

/// <summary>
/// A small bootable image made the way the CD is: GRUB's BIOS El Torito image and a FAT ESP
/// with GRUB for x86_64-efi, GRUB's boot_hybrid.img as MBR, protective MBR + GPT. Both GRUBs
/// search the ISO tree for a marker file and load boot/grub/grub.cfg from it, which prints
/// <see cref="Marker"/> on the serial console.
/// </summary>
public sealed class GrubBootImageFixture : IDisposable
{
    public const string Marker = "XENDEMO-GRUB-MARKER";
    private const string Modules =
        "iso9660 part_msdos part_gpt normal echo serial terminal search search_fs_file configfile fat";

    public GrubBootImageFixture()
    {
        var tree = new IsoTree();
        var embedded = Scratch["embedded.cfg"];
        File.WriteAllText(
            embedded,
            "search --no-floppy --file --set=root /boot/grub/xendemo.marker\nset prefix=($root)/boot/grub\nconfigfile $prefix/grub.cfg\n"
        );
        DebianTool.RequireFile("/usr/lib/grub/i386-pc/cdboot.img", "grub-pc-bin");
        DebianTool.RequireFile("/usr/lib/grub/x86_64-efi/kernel.img", "grub-efi-amd64-bin");
        var bios = Scratch["eltorito.img"];
        DebianTool.Run(
            "grub-mkimage",
            [
                "-O",
                "i386-pc-eltorito",
                "-o",
                bios,
                "-p",
                "/boot/grub",
                "-c",
                embedded,
                "biosdisk",
                .. Modules.Split(' '),
            ]
        );
        var efi = Scratch["BOOTX64.EFI"];
        DebianTool.Run(
            "grub-mkimage",
            [
                "-O",
                "x86_64-efi",
                "-o",
                efi,
                "-p",
                "/boot/grub",
                "-c",
                embedded,
                .. Modules.Split(' '),
            ]
        );
        var esp = Scratch["efi.img"];
        DebianTool.Run("mkfs.fat", "-C", esp, "2048");
        DebianTool.Run("mmd", "-i", esp, "::/EFI", "::/EFI/BOOT");
        DebianTool.Run("mcopy", "-i", esp, efi, "::/EFI/BOOT/BOOTX64.EFI");
        var meta = new PosixMetadata { Permissions = 0x1A4 };
        tree.AddFile("boot/grub/i386-pc/eltorito.img", FileContent.FromFile(bios), meta);
        tree.AddFile("boot/grub/efi.img", FileContent.FromFile(esp), meta);
        tree.AddFile("EFI/BOOT/BOOTX64.EFI", FileContent.FromFile(efi), meta);
        tree.AddFile("boot/grub/xendemo.marker", FileContent.FromBytes([]), meta);
        tree.AddFile(
            "boot/grub/grub.cfg",
            FileContent.FromBytes(
                AwkwardTree.Text(
                    "serial --unit=0 --speed=115200\nterminal_output serial console\nterminal_input serial console\n"
                        + $"echo \"{Marker} platform=${{grub_platform}} root=${{root}}\"\nset timeout=-1\nmenuentry \"XenDemoCD\" {{ echo hi }}\n"
                )
            ),
            meta
        );
        IsoPath = Scratch["boot.iso"];
        IsoWriter.WriteFile(
            tree,
            new IsoImageOptions
            {
                Timestamp = AwkwardTree.Epoch,
                VolumeId = "XENDEMO_BOOT",
                Boot = new ElToritoOptions
                {
                    BiosImage = "boot/grub/i386-pc/eltorito.img",
                    EfiImage = "boot/grub/efi.img",
                },
                Hybrid = new GrubHybridOptions
                {
                    MbrTemplate = File.ReadAllBytes(
                        DebianTool.RequireFile(
                            "/usr/lib/grub/i386-pc/boot_hybrid.img",
                            "grub-pc-bin"
                        )
                    ),
                },
            },
            IsoPath
        );
    }

    public TempDirectory Scratch { get; } = new();

    public string IsoPath { get; }

    public void Dispose() => Scratch.Dispose();
}
