using System.Globalization;
using System.Text;

namespace XenDemoCD.Iso9660.Format;

/// <summary>
/// The two date encodings of ECMA-119: the 7-byte binary form of directory records (also used
/// by Rock Ridge TF) and the 17-byte ASCII form of volume descriptors. Always written in UTC
/// (offset 0) so an image does not depend on the build machine's time zone.
/// </summary>
internal static class IsoTimestamp
{
    public const int ShortLength = 7;
    public const int LongLength = 17;

    public static void WriteShort(Span<byte> span, DateTimeOffset time)
    {
        var utc = Clamp(time).UtcDateTime;
        span[0] = (byte)(utc.Year - 1900);
        span[1] = (byte)utc.Month;
        span[2] = (byte)utc.Day;
        span[3] = (byte)utc.Hour;
        span[4] = (byte)utc.Minute;
        span[5] = (byte)utc.Second;
        span[6] = 0;
    }

    public static DateTimeOffset ReadShort(ReadOnlySpan<byte> span)
    {
        try
        {
            var offset = TimeSpan.FromMinutes(15 * (sbyte)span[6]);
            if (offset.Duration() > TimeSpan.FromHours(14))
            {
                offset = TimeSpan.Zero;
            }
            var local = new DateTime(
                1900 + span[0],
                Math.Clamp((int)span[1], 1, 12),
                1,
                0,
                0,
                0,
                DateTimeKind.Unspecified
            );
            local = local
                .AddDays(Math.Clamp(span[2], (byte)1, (byte)31) - 1)
                .AddHours(Math.Min(span[3], (byte)23))
                .AddMinutes(Math.Min(span[4], (byte)59))
                .AddSeconds(Math.Min(span[5], (byte)59));
            return new DateTimeOffset(local, offset);
        }
        catch (ArgumentException)
        {
            return DateTimeOffset.UnixEpoch;
        }
    }

    public static void WriteLong(Span<byte> span, DateTimeOffset? time)
    {
        if (time is null)
        {
            span[..16].Fill((byte)'0');
            span[16] = 0;
            return;
        }
        var utc = Clamp(time.Value).UtcDateTime;
        var text =
            utc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + (utc.Millisecond / 10).ToString("00", CultureInfo.InvariantCulture);
        Encoding.ASCII.GetBytes(text, span);
        span[16] = 0;
    }

    public static DateTimeOffset? ReadLong(ReadOnlySpan<byte> span)
    {
        var text = Encoding.ASCII.GetString(span[..14]);
        if (
            !DateTime.TryParseExact(
                text,
                "yyyyMMddHHmmss",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var local
            )
        )
        {
            return null;
        }
        var offset = TimeSpan.FromMinutes(15 * (sbyte)span[16]);
        return offset.Duration() > TimeSpan.FromHours(14)
            ? new DateTimeOffset(local, TimeSpan.Zero)
            : new DateTimeOffset(local, offset);
    }

    /// <summary>The 7-byte form holds years 1900–2155; anything outside is pinned to the edge.</summary>
    private static DateTimeOffset Clamp(DateTimeOffset time)
    {
        var min = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var max = new DateTimeOffset(2155, 12, 31, 23, 59, 59, TimeSpan.Zero);
        return time < min ? min
            : time > max ? max
            : time;
    }
}
