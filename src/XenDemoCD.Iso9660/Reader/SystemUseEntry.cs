namespace XenDemoCD.Iso9660.Reader;

/// <summary>
/// The framing every SUSP entry shares (SUSP 4.1: two signature bytes, a length, a version),
/// checked strictly: a wrong length means the rest of the area cannot be trusted either.
/// </summary>
internal static class SystemUseEntry
{
    private const int HeaderLength = 4;

    /// <summary>Zeros to the end of the area: padding, not an entry.</summary>
    public static bool IsPadding(ReadOnlySpan<byte> rest) => !rest.ContainsAnyExcept((byte)0);

    /// <summary>The length of the entry at <paramref name="position"/>, once it is known to fit.</summary>
    public static int CheckedLength(byte[] area, int position, long offset, string where)
    {
        var rest = area.AsSpan(position);
        if (rest.Length < HeaderLength)
        {
            throw new IsoFormatException(
                $"System Use entry in {where}",
                offset,
                $"{rest.Length} stray bytes at the end of the area, too few for an entry"
            );
        }
        if (!IsSignature(rest[0]) || !IsSignature(rest[1]))
        {
            throw new IsoFormatException(
                $"System Use entry in {where}",
                offset,
                $"bytes {rest[0]:X2} {rest[1]:X2} are not an entry signature"
            );
        }
        int length = rest[2];
        if (length < HeaderLength)
        {
            throw Damaged(rest, offset, where, $"length {length} is shorter than its header");
        }
        if (rest[0] == 'S' && rest[1] == 'L')
        {
            length = SymlinkEntryLength.Of(area, position, length);
        }
        if (length > rest.Length)
        {
            throw Damaged(
                rest,
                offset,
                where,
                $"length {length} runs past the end of the area ({rest.Length} bytes left)"
            );
        }
        return length;
    }

    /// <summary>An entry too short for the fields its signature promises.</summary>
    public static void RequireLength(
        ReadOnlySpan<byte> entry,
        int minimum,
        long offset,
        string where
    )
    {
        if (entry.Length < minimum)
        {
            throw Damaged(
                entry,
                offset,
                where,
                $"length {entry.Length} is too short (at least {minimum})"
            );
        }
    }

    public static IsoFormatException Damaged(
        ReadOnlySpan<byte> entry,
        long offset,
        string where,
        string problem
    ) => new($"System Use entry {(char)entry[0]}{(char)entry[1]} in {where}", offset, problem);

    // SUSP signatures are two characters; RRIP, zisofs, Amiga and Apple all use printable ASCII.
    private static bool IsSignature(byte b) => b is >= 0x20 and <= 0x7E;
}
