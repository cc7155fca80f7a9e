using XenDemoCD.Build.Inputs;
using XenDemoCD.Cpio;

namespace XenDemoCD.Build.Initrd;

/// <summary>
/// The <c>irtree/</c> folder as the initrd's files. Git keeps neither owners, nor modes beyond
/// the executable bit, nor empty directories, nor device nodes, so: every owner is 0:0, files
/// are 0755 or 0644 by their executable bit, directories 0755 (tmp 1777), a <c>.keep</c> file
/// only keeps its directory, and <c>/dev/console</c> is made here. <c>/init</c> is a hard link to
/// <c>/linuxrc</c>: the kernel may run either, and busybox's switch_root refuses to work unless
/// <c>/init</c> is a regular file.
/// </summary>
public static class IrTree
{
    public const string Linuxrc = "linuxrc";
    public const string Init = "init";
    public const string BusyboxPin = "busybox.json";
    public const string ModuleList = "modules.list";

    /// <summary>Files of irtree/ that tell the build what to do and are not part of the initrd.</summary>
    public static readonly IReadOnlySet<string> BuildFiles = new HashSet<string>(
        StringComparer.Ordinal
    )
    {
        "README.md",
        BusyboxPin,
        ModuleList,
    };

    private const string KeepFile = ".keep";
    private const UnixFileMode Directory0755 = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Executable0755 = (UnixFileMode)0b111_101_101;
    private const UnixFileMode File0644 = (UnixFileMode)0b110_100_100;

    /// <summary>The initrd's program is there and executable (git keeps the executable bit).</summary>
    public static void CheckLinuxrc(string irtree)
    {
        var linuxrc = Path.Combine(irtree, Linuxrc);
        if (!File.Exists(linuxrc))
        {
            throw new InputFileException(linuxrc, "the file is missing", "restore it from git");
        }
        if (!IsExecutable(new FileInfo(linuxrc)))
        {
            throw new InputFileException(
                linuxrc,
                "it is not executable",
                "chmod +x it and commit the mode"
            );
        }
    }

    public static void AddTo(CpioArchiveBuilder archive, string irtree)
    {
        CheckLinuxrc(irtree);
        var entries = new DirectoryInfo(irtree)
            .EnumerateFileSystemInfos(
                "*",
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }
            )
            .OrderBy(e => e.FullName, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var relative = Path.GetRelativePath(irtree, entry.FullName).Replace('\\', '/');
            if (BuildFiles.Contains(relative))
            {
                continue;
            }
            switch (entry)
            {
                case { LinkTarget: { } target }:
                    archive.AddSymbolicLink(relative, target);
                    break;
                case DirectoryInfo:
                    archive.AddDirectory(
                        relative,
                        relative == "tmp" ? (UnixFileMode)0b1_111_111_111 : Directory0755
                    );
                    break;
                case FileInfo { Name: KeepFile }:
                    break;
                case FileInfo file:
                    archive.AddFile(
                        relative,
                        CpioContent.FromFile(file.FullName),
                        IsExecutable(file) ? Executable0755 : File0644
                    );
                    break;
            }
        }
        archive.AddHardLink(Init, Linuxrc);
        // The kernel opens it for init's standard input and output before linuxrc mounts /dev.
        archive.AddCharacterDevice("dev/console", 5, 1, (UnixFileMode)0b110_000_000);
    }

    private static bool IsExecutable(FileInfo file) =>
        OperatingSystem.IsWindows() || (file.UnixFileMode & UnixFileMode.UserExecute) != 0;
}
