using System.Globalization;
using System.IO.Compression;
using System.Text;
using XenDemoCD.Cpio;

namespace XenDemoCD.Build.Initrd;

/// <summary>A text listing of a gzip-compressed newc image, one entry a line, like <c>cpio -tv</c>.</summary>
public static class InitrdListing
{
    public static string Of(string image)
    {
        using var file = File.OpenRead(image);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var reader = new CpioReader(gzip);
        var text = new StringBuilder();
        while (reader.GetNextEntry() is { } entry)
        {
            var detail = entry.Kind switch
            {
                CpioEntryKind.SymbolicLink => $" -> {entry.LinkTarget}",
                CpioEntryKind.CharacterDevice or CpioEntryKind.BlockDevice =>
                    $" ({entry.RDevMajor},{entry.RDevMinor})",
                _ => "",
            };
            text.Append(
                CultureInfo.InvariantCulture,
                $"{Letter(entry.Kind)}{Convert.ToString((int)entry.Permissions, 8).PadLeft(4, '0')} {entry.Uid}:{entry.Gid} {entry.LinkCount, 2} {entry.Size, 9} {entry.Name}{detail}\n"
            );
        }
        return text.ToString();
    }

    private static char Letter(CpioEntryKind kind) =>
        kind switch
        {
            CpioEntryKind.Directory => 'd',
            CpioEntryKind.SymbolicLink => 'l',
            CpioEntryKind.CharacterDevice => 'c',
            CpioEntryKind.BlockDevice => 'b',
            CpioEntryKind.Fifo => 'p',
            CpioEntryKind.Socket => 's',
            _ => '-',
        };
}
