using System.Text;

namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// Builds the SUSP and RRIP entries of one directory record. Each entry is "XY", length,
/// version 1, then its fields (SUSP 5.x, RRIP 4.1.x).
/// </summary>
internal static class RockRidgeEntries
{
    public const int CeLength = 28;
    public const int MaxEntry = 255;
    private const int MaxPayload = MaxEntry - 5; // after "XY", length, version, flags

    public const string ErIdentifier = "RRIP_1991A";
    public const string ErDescriptor =
        "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS";
    public const string ErSource =
        "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.";

    public static byte[] Sp() => [(byte)'S', (byte)'P', 7, 1, 0xBE, 0xEF, 0];

    public static byte[] Er()
    {
        var id = Encoding.ASCII.GetBytes(ErIdentifier);
        var des = Encoding.ASCII.GetBytes(ErDescriptor);
        var src = Encoding.ASCII.GetBytes(ErSource);
        var entry = new byte[8 + id.Length + des.Length + src.Length];
        entry[0] = (byte)'E';
        entry[1] = (byte)'R';
        entry[2] = (byte)entry.Length;
        entry[3] = 1;
        entry[4] = (byte)id.Length;
        entry[5] = (byte)des.Length;
        entry[6] = (byte)src.Length;
        entry[7] = 1; // extension version
        id.CopyTo(entry, 8);
        des.CopyTo(entry, 8 + id.Length);
        src.CopyTo(entry, 8 + id.Length + des.Length);
        return entry;
    }

    public static void WriteCe(Span<byte> span, uint lba, uint offset, uint length)
    {
        span[0] = (byte)'C';
        span[1] = (byte)'E';
        span[2] = CeLength;
        span[3] = 1;
        BothEndian.WriteUInt32(span[4..], lba);
        BothEndian.WriteUInt32(span[12..], offset);
        BothEndian.WriteUInt32(span[20..], length);
    }

    /// <summary>PX with the 1.12 serial number: libarchive and xorriso spot hard links by it.</summary>
    public static byte[] Px(uint mode, uint links, uint uid, uint gid, uint serial)
    {
        var entry = new byte[44];
        Header(entry, "PX");
        BothEndian.WriteUInt32(entry.AsSpan(4), mode);
        BothEndian.WriteUInt32(entry.AsSpan(12), links);
        BothEndian.WriteUInt32(entry.AsSpan(20), uid);
        BothEndian.WriteUInt32(entry.AsSpan(28), gid);
        BothEndian.WriteUInt32(entry.AsSpan(36), serial);
        return entry;
    }

    public static byte[] Pn(ulong device)
    {
        var entry = new byte[20];
        Header(entry, "PN");
        BothEndian.WriteUInt32(entry.AsSpan(4), (uint)(device >> 32));
        BothEndian.WriteUInt32(entry.AsSpan(12), (uint)device);
        return entry;
    }

    /// <summary>TF in the 7-byte form (older kernels ignore the long form): modify, access, attributes.</summary>
    public static byte[] Tf(DateTimeOffset modify, DateTimeOffset access, DateTimeOffset change)
    {
        var entry = new byte[5 + 3 * IsoTimestamp.ShortLength];
        Header(entry, "TF");
        entry[4] = 0x0E;
        IsoTimestamp.WriteShort(entry.AsSpan(5), modify);
        IsoTimestamp.WriteShort(entry.AsSpan(12), access);
        IsoTimestamp.WriteShort(entry.AsSpan(19), change);
        return entry;
    }

    public static byte[] Zf(int blockSizeLog2, uint uncompressedSize)
    {
        var entry = new byte[16];
        Header(entry, "ZF");
        entry[4] = (byte)'p';
        entry[5] = (byte)'z';
        entry[6] = ZisofsFields.HeaderLength / 4;
        entry[7] = (byte)blockSizeLog2;
        BothEndian.WriteUInt32(entry.AsSpan(8), uncompressedSize);
        return entry;
    }

    /// <summary>NM entries; a name longer than one entry continues (flag bit 0) in the next.</summary>
    public static IEnumerable<byte[]> Nm(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        var offset = 0;
        do
        {
            var take = Math.Min(MaxPayload, bytes.Length - offset);
            var entry = new byte[5 + take];
            Header(entry, "NM");
            entry[4] = (byte)(offset + take < bytes.Length ? 1 : 0);
            bytes.AsSpan(offset, take).CopyTo(entry.AsSpan(5));
            offset += take;
            yield return entry;
        } while (offset < bytes.Length);
    }

    /// <summary>
    /// SL entries for a symlink target. Components are '/'-separated; '.', '..' and a leading
    /// '/' have their own flags. A component that does not fit in one entry is split with the
    /// component "continue" flag; an entry that is full continues in the next SL (flag bit 0).
    /// </summary>
    public static List<byte[]> Sl(string target)
    {
        var components = new List<(byte Flags, byte[] Bytes)>();
        if (target.StartsWith('/'))
        {
            components.Add((0x08, []));
        }
        foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                components.Add((0x02, []));
            }
            else if (part == "..")
            {
                components.Add((0x04, []));
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                for (var offset = 0; offset < bytes.Length; offset += 248)
                {
                    var take = Math.Min(248, bytes.Length - offset);
                    var more = offset + take < bytes.Length;
                    components.Add(((byte)(more ? 0x01 : 0), bytes[offset..(offset + take)]));
                }
            }
        }
        var entries = new List<byte[]>();
        var body = new List<byte>();
        foreach (var (flags, bytes) in components)
        {
            if (body.Count + 2 + bytes.Length > MaxPayload)
            {
                entries.Add(SlEntry(body, continues: true));
                body.Clear();
            }
            body.Add(flags);
            body.Add((byte)bytes.Length);
            body.AddRange(bytes);
        }
        entries.Add(SlEntry(body, continues: false));
        return entries;
    }

    private static byte[] SlEntry(List<byte> body, bool continues)
    {
        var entry = new byte[5 + body.Count];
        Header(entry, "SL");
        entry[4] = (byte)(continues ? 1 : 0);
        body.CopyTo(entry, 5);
        return entry;
    }

    private static void Header(byte[] entry, string signature)
    {
        entry[0] = (byte)signature[0];
        entry[1] = (byte)signature[1];
        entry[2] = (byte)entry.Length;
        entry[3] = 1;
    }
}
