using System.Globalization;
using System.Text;

namespace XenDemoCD.Cpio.Format;

/// <summary>One newc header's thirteen numeric fields, read from and written to 110 bytes.</summary>
internal readonly record struct NewcHeader(uint[] Fields)
{
    public uint this[int field] => Fields[field];

    public static NewcHeader Create(
        uint inode,
        uint mode,
        uint uid,
        uint gid,
        uint linkCount,
        uint modificationTime,
        uint fileSize,
        uint rdevMajor,
        uint rdevMinor,
        uint nameSize
    ) =>
        new([
            inode,
            mode,
            uid,
            gid,
            linkCount,
            modificationTime,
            fileSize,
            0,
            0,
            rdevMajor,
            rdevMinor,
            nameSize,
            0,
        ]);

    public void Write(Span<byte> destination)
    {
        Encoding.ASCII.GetBytes(NewcLayout.Magic, destination);
        for (var field = 0; field < NewcLayout.FieldCount; field++)
        {
            // Upper-case hex, as the kernel's gen_init_cpio writes it.
            Fields[field]
                .TryFormat(
                    destination.Slice(NewcLayout.FieldOffset(field), NewcLayout.FieldLength),
                    out _,
                    "X8",
                    CultureInfo.InvariantCulture
                );
        }
    }

    /// <summary>Parses a header that starts at <paramref name="offset"/> in the archive.</summary>
    public static NewcHeader Read(ReadOnlySpan<byte> source, long offset)
    {
        var magic = Encoding.ASCII.GetString(source[..NewcLayout.MagicLength]);
        if (magic != NewcLayout.Magic && magic != NewcLayout.MagicWithChecksum)
        {
            throw new CpioFormatException(
                "header",
                offset,
                $"magic is '{Printable(source[..NewcLayout.MagicLength])}', not {NewcLayout.Magic} (newc)"
                    + (
                        magic.StartsWith("0707", StringComparison.Ordinal)
                            ? "; this is another cpio format (odc/bin), only newc is read"
                            : "; not a cpio archive, or not at an entry boundary"
                    )
            );
        }
        var fields = new uint[NewcLayout.FieldCount];
        for (var field = 0; field < NewcLayout.FieldCount; field++)
        {
            var text = source.Slice(NewcLayout.FieldOffset(field), NewcLayout.FieldLength);
            if (
                !uint.TryParse(
                    text,
                    NumberStyles.AllowHexSpecifier,
                    CultureInfo.InvariantCulture,
                    out fields[field]
                )
            )
            {
                throw new CpioFormatException(
                    $"header field {NewcLayout.FieldNames[field]}",
                    offset + NewcLayout.FieldOffset(field),
                    $"'{Printable(text)}' is not 8 hexadecimal digits"
                );
            }
        }
        return new NewcHeader(fields);
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }
        return builder.ToString();
    }
}
