using XenDemoCD.Build.Inputs;
using XenDemoCD.Cpio;

namespace XenDemoCD.Build.Initrd;

/// <summary>
/// Busybox as the initrd's every program: the static binary at <c>/bin/busybox</c> and a
/// symbolic link to it for each applet, where <c>busybox --list-full</c> puts it (bin/sh,
/// sbin/switch_root, usr/bin/tar…). A path the irtree already fills is left alone: busybox has
/// a <c>linuxrc</c> applet, and ours must stay the script.
/// </summary>
public static class BusyboxApplets
{
    public const string Binary = "bin/busybox";

    /// <summary>What linuxrc itself runs; the build fails if this busybox lacks one.</summary>
    public static readonly IReadOnlyList<string> NeededByLinuxrc =
    [
        "sh",
        "mount",
        "umount",
        "mkdir",
        "mknod",
        "mdev",
        "cat",
        "grep",
        "sed",
        "tr",
        "awk",
        "dd",
        "df",
        "cp",
        "tar",
        "sleep",
        "modprobe",
        "setsid",
        "cttyhack",
        "switch_root",
        "findfs",
    ];

    /// <summary>The applets' paths from <c>busybox --list-full</c> output.</summary>
    public static IReadOnlyList<string> Parse(string listFull) =>
        [
            .. listFull
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.Length > 0),
        ];

    public static int AddTo(
        CpioArchiveBuilder archive,
        string busybox,
        IReadOnlyList<string> applets,
        string pinFile
    )
    {
        var names = applets
            .Select(a => a[(a.LastIndexOf('/') + 1)..])
            .ToHashSet(StringComparer.Ordinal);
        var missing = NeededByLinuxrc.Where(a => !names.Contains(a)).ToList();
        if (missing.Count > 0)
        {
            throw new InputFileException(
                pinFile,
                $"the pinned busybox has no {string.Join(", ", missing)} applet, which linuxrc uses",
                "pin a busybox-static with them, or change irtree/linuxrc"
            );
        }
        archive.AddFile(Binary, CpioContent.FromFile(busybox), (UnixFileMode)0b111_101_101);
        var added = 0;
        foreach (var applet in applets.Where(a => a != Binary && !archive.Contains(a)))
        {
            archive.AddSymbolicLink(applet, "/" + Binary);
            added++;
        }
        return added;
    }
}
