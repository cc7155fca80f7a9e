using System.Globalization;
using XenDemoCD.Iso9660;

namespace XenDemoCD.IsoTool;

internal static class ListCommand
{
    public static int Run(Arguments arguments, TextWriter output, TextWriter error)
    {
        using var image = IsoImage.Open(arguments.Positional(0), strict: arguments.Has("--strict"));
        var longFormat = arguments.Has("-l");
        var view = arguments.View;
        return DamagedRockRidge.Report(
            image,
            view,
            error,
            () =>
            {
                foreach (var entry in image.Enumerate(view))
                {
                    output.WriteLine(longFormat ? Long(entry) : entry.Path);
                }
                foreach (var warning in image.Warnings)
                {
                    error.WriteLine($"isotool ls: warning: {warning}");
                }
                return 0;
            }
        );
    }

    /// <summary>Like `ls -ln`: mode, links, numeric owner and group, size or device, mtime (UTC), path.</summary>
    internal static string Long(IsoEntry entry)
    {
        var size = entry.Kind is EntryKind.CharacterDevice or EntryKind.BlockDevice
            ? $"{entry.DeviceMajor}, {entry.DeviceMinor}"
            : entry.Size.ToString(CultureInfo.InvariantCulture);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{ModeString(entry)} {entry.LinkCount, 3} {entry.Uid, 5} {entry.Gid, 5} {size, 12} {entry.ModificationTime.UtcDateTime:yyyy-MM-dd HH:mm:ss} {entry.Path}"
        );
        return entry.SymlinkTarget is { } target ? $"{line} -> {target}" : line;
    }

    internal static string ModeString(IsoEntry entry)
    {
        var p = entry.Permissions;
        var chars = new char[10];
        chars[0] = entry.Kind switch
        {
            EntryKind.Directory => 'd',
            EntryKind.Symlink => 'l',
            EntryKind.CharacterDevice => 'c',
            EntryKind.BlockDevice => 'b',
            EntryKind.Fifo => 'p',
            EntryKind.Socket => 's',
            _ => '-',
        };
        const string rwx = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
        {
            chars[i + 1] = (p & (1u << (8 - i))) != 0 ? rwx[i] : '-';
        }
        if ((p & 0x800) != 0)
        {
            chars[3] = chars[3] == 'x' ? 's' : 'S';
        }
        if ((p & 0x400) != 0)
        {
            chars[6] = chars[6] == 'x' ? 's' : 'S';
        }
        if ((p & 0x200) != 0)
        {
            chars[9] = chars[9] == 'x' ? 't' : 'T';
        }
        return new string(chars);
    }
}
