using System.Text;

namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// Builds the SUSP and RRIP entries of one directory record. Each entry is "XY", length,
/// version 1, then its fields (SUSP 5.x, RRIP 4.1.x).
/// </summary>
internal static class RockRidgeEntries
{
    public const int CeLength = SystemUseFields.CeLength;
    public const int MaxEntry = 255;
    private const int MaxPayload = MaxEntry - 5; // after "XY", length, version, flags

    public const string ErIdentifier = "RRIP_1991A";
    public const string ErDescriptor =
        "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS";
    public const string ErSource =
        "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.";

    public static byte[] Sp()
    {
        var entry = new byte[SystemUseFields.SpLength];
        Header(entry, "SP");
        entry[SystemUseFields.SpCheck] = 0xBE;
        entry[SystemUseFields.SpCheck + 1] = 0xEF;
        entry[SystemUseFields.SpSkip] = 0;
        return entry;
    }

    public static byte[] Er()
    {
        var id = Encoding.ASCII.GetBytes(ErIdentifier);
        var des = Encoding.ASCII.GetBytes(ErDescriptor);
        var src = Encoding.ASCII.GetBytes(ErSource);
        var entry = new byte[SystemUseFields.ErStrings + id.Length + des.Length + src.Length];
        Header(entry, "ER");
        entry[SystemUseFields.ErIdLength] = (byte)id.Length;
        entry[SystemUseFields.ErDescriptorLength] = (byte)des.Length;
        entry[SystemUseFields.ErSourceLength] = (byte)src.Length;
        entry[SystemUseFields.ErExtensionVersion] = 1;
        id.CopyTo(entry, SystemUseFields.ErStrings);
        des.CopyTo(entry, SystemUseFields.ErStrings + id.Length);
        src.CopyTo(entry, SystemUseFields.ErStrings + id.Length + des.Length);
        return entry;
    }

    public static void WriteCe(Span<byte> span, uint lba, uint offset, uint length)
    {
        span[SystemUseFields.Signature] = (byte)'C';
        span[SystemUseFields.Signature + 1] = (byte)'E';
        span[SystemUseFields.Length] = CeLength;
        span[SystemUseFields.Version] = 1;
        BothEndian.WriteUInt32(span[SystemUseFields.CeLba..], lba);
        BothEndian.WriteUInt32(span[SystemUseFields.CeOffset..], offset);
        BothEndian.WriteUInt32(span[SystemUseFields.CeAreaLength..], length);
    }

    /// <summary>PX with the 1.12 serial number: libarchive and xorriso spot hard links by it.</summary>
    public static byte[] Px(uint mode, uint links, uint uid, uint gid, uint serial)
    {
        var entry = new byte[SystemUseFields.PxLength];
        Header(entry, "PX");
        BothEndian.WriteUInt32(entry.AsSpan(SystemUseFields.PxMode), mode);
        BothEndian.WriteUInt32(entry.AsSpan(SystemUseFields.PxLinks), links);
        BothEndian.WriteUInt32(entry.AsSpan(SystemUseFields.PxUid), uid);
        BothEndian.WriteUInt32(entry.AsSpan(SystemUseFields.PxGid), gid);
        BothEndian.WriteUInt32(entry.AsSpan(SystemUseFields.PxSerial), serial);
        return entry;
    }

    public static byte[] Pn(ulong device)
    {
        var entry = new byte[SystemUseFields.PnLength];
        Header(entry, "PN");
        BothEndian.WriteUInt32(entry.AsSpan(SystemUseFields.PnHigh), (uint)(device >> 32));
        BothEndian.WriteUInt32(entry.AsSpan(SystemUseFields.PnLow), (uint)device);
        return entry;
    }

    /// <summary>TF in the 7-byte form (older kernels ignore the long form): modify, access, attributes.</summary>
    public static byte[] Tf(DateTimeOffset modify, DateTimeOffset access, DateTimeOffset change)
    {
        var entry = new byte[SystemUseFields.TfTimes + 3 * IsoTimestamp.ShortLength];
        Header(entry, "TF");
        entry[SystemUseFields.Flags] = 0x0E; // modify, access, attributes; short form
        IsoTimestamp.WriteShort(entry.AsSpan(SystemUseFields.TfTimes), modify);
        IsoTimestamp.WriteShort(
            entry.AsSpan(SystemUseFields.TfTimes + IsoTimestamp.ShortLength),
            access
        );
        IsoTimestamp.WriteShort(
            entry.AsSpan(SystemUseFields.TfTimes + 2 * IsoTimestamp.ShortLength),
            change
        );
        return entry;
    }

    public static byte[] Zf(int blockSizeLog2, uint uncompressedSize)
    {
        var entry = new byte[SystemUseFields.ZfLength];
        Header(entry, "ZF");
        entry[SystemUseFields.ZfAlgorithm] = (byte)'p';
        entry[SystemUseFields.ZfAlgorithm + 1] = (byte)'z';
        entry[SystemUseFields.ZfHeaderWords] = ZisofsFields.HeaderLength / 4;
        entry[SystemUseFields.ZfBlockSizeLog2] = (byte)blockSizeLog2;
        BothEndian.WriteUInt32(entry.AsSpan(SystemUseFields.ZfUncompressedSize), uncompressedSize);
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
            var entry = new byte[SystemUseFields.FlagsPayload + take];
            Header(entry, "NM");
            entry[SystemUseFields.Flags] = (byte)(offset + take < bytes.Length ? 1 : 0);
            bytes.AsSpan(offset, take).CopyTo(entry.AsSpan(SystemUseFields.FlagsPayload));
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
        var entry = new byte[SystemUseFields.FlagsPayload + body.Count];
        Header(entry, "SL");
        entry[SystemUseFields.Flags] = (byte)(continues ? 1 : 0);
        body.CopyTo(entry, SystemUseFields.FlagsPayload);
        return entry;
    }

    private static void Header(byte[] entry, string signature)
    {
        entry[SystemUseFields.Signature] = (byte)signature[0];
        entry[SystemUseFields.Signature + 1] = (byte)signature[1];
        entry[SystemUseFields.Length] = (byte)entry.Length;
        entry[SystemUseFields.Version] = 1;
    }
}
