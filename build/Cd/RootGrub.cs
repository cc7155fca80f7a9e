using System.Formats.Tar;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// The GRUB of the CD's own Debian root (grub-common, grub-pc-bin, grub-efi-amd64-bin, which
/// xendemo-install uses too), taken out of RootBootstrap's archive: its modules for both
/// platforms and its <c>grub-mkimage</c>. So the boot loader matches the system it boots
/// whatever release the build host runs. The root's <c>grub-mkimage</c> is linked against the
/// root's C library, which may be newer than the host's, so it is started through the root's
/// own dynamic loader with the root's libraries (no chroot, no root privileges).
/// </summary>
public sealed class RootGrub
{
    private const string LibraryDirectory = "usr/lib/x86_64-linux-gnu";
    private const string Loader = LibraryDirectory + "/ld-linux-x86-64.so.2";
    private const string Mkimage = "usr/bin/grub-mkimage";
    private const string GrubLib = "usr/lib/grub";

    private RootGrub(string directory) => Directory_ = directory;

    private string Directory_ { get; }

    /// <summary>The module directory of one platform ("i386-pc", "x86_64-efi").</summary>
    public string Modules(string platform) => Path.Combine(Directory_, GrubLib, platform);

    /// <summary>Runs the root's grub-mkimage through the root's loader.</summary>
    public HostTool MkimageTool =>
        new(Path.Combine(Directory_, Loader), "grub-common (the CD root's)");

    /// <summary>The loader's arguments that come before grub-mkimage's own.</summary>
    public IReadOnlyList<string> MkimagePrefix =>
        [
            "--library-path",
            Path.Combine(Directory_, LibraryDirectory),
            Path.Combine(Directory_, Mkimage),
        ];

    /// <summary>
    /// Copies GRUB's files, grub-mkimage and the root's top-level shared libraries (about
    /// 50 MB; which ones grub-mkimage needs changes between releases) out of
    /// <paramref name="archive"/> into <paramref name="directory"/>.
    /// </summary>
    public static RootGrub Extract(string archive, string directory)
    {
        using var stream = File.OpenRead(archive);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            var path = RootNode.Normalize(entry.Name);
            if (!Wanted(path))
            {
                continue;
            }
            var target = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    entry.ExtractToFile(target, overwrite: true);
                    // grub-mkimage and the loader must be executable; ExtractToFile may
                    // keep the archive's mode, which is right already, but not everywhere.
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(
                            target,
                            UnixFileMode.UserRead
                                | UnixFileMode.UserWrite
                                | UnixFileMode.UserExecute
                        );
                    }
                    break;
                // Only links within the same directory (libfoo.so.1 -> libfoo.so.1.2.3): nothing
                // taken from the archive may point outside the scratch directory.
                case TarEntryType.SymbolicLink when !entry.LinkName.Contains('/'):
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
            }
        }
        var grub = new RootGrub(directory);
        foreach (var needed in new[] { Loader, Mkimage })
        {
            if (!File.Exists(Path.Combine(directory, needed)))
            {
                throw new InvalidOperationException(
                    $"{archive} has no /{needed}: the base root must include grub-common (usr-layout/bootstrap.json lists grub2-common)"
                );
            }
        }
        foreach (var platform in new[] { "i386-pc", "x86_64-efi" })
        {
            if (!Directory.Exists(grub.Modules(platform)))
            {
                throw new InvalidOperationException(
                    $"{archive} has no /{GrubLib}/{platform}: usr-layout/bootstrap.json must list grub-pc-bin and grub-efi-amd64-bin"
                );
            }
        }
        return grub;
    }

    private static bool Wanted(string path) =>
        path == Mkimage
        || path.StartsWith(GrubLib + "/i386-pc/", StringComparison.Ordinal)
        || path.StartsWith(GrubLib + "/x86_64-efi/", StringComparison.Ordinal)
        || (
            path.StartsWith(LibraryDirectory + "/", StringComparison.Ordinal)
            && !path[(LibraryDirectory.Length + 1)..].Contains('/')
        );
}
