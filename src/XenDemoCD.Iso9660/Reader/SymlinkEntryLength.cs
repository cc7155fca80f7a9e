namespace XenDemoCD.Iso9660.Reader;

/// <summary>
/// genisoimage writes an SL entry longer than 255 bytes when a symlink target is long, and its
/// one-byte length field (SUSP 4.1) then wraps around: a 361-byte entry says 105. Its components
/// (RRIP 4.1.3.1: flags, length, bytes) are intact, so the true length is found by walking them.
/// </summary>
internal static class SymlinkEntryLength
{
    private const int HeaderLength = 5;

    /// <summary>
    /// The stated length when the components fill it exactly; otherwise the first longer length
    /// that agrees with it modulo 256 and ends where the components end and the area ends or the
    /// next entry begins. Anything else is left to the caller to report as damage.
    /// </summary>
    public static int Of(byte[] area, int position, int stated)
    {
        var end = position + HeaderLength;
        while (end + 2 <= area.Length)
        {
            var length = end - position;
            if (length == stated)
            {
                return stated;
            }
            if (length > stated && (length - stated) % 256 == 0 && EndsCleanly(area, end))
            {
                return length;
            }
            end += 2 + area[end + 1];
        }
        var last = end - position;
        return end == area.Length && last > stated && (last - stated) % 256 == 0 ? last : stated;
    }

    private static bool EndsCleanly(byte[] area, int end)
    {
        var rest = area.AsSpan(end);
        return SystemUseEntry.IsPadding(rest)
            || (
                rest.Length >= 4
                && char.IsAsciiLetterUpper((char)rest[0])
                && char.IsAsciiLetterUpper((char)rest[1])
                && rest[2] >= 4
                && rest[2] <= rest.Length
                && rest[3] == 1
            );
    }
}
