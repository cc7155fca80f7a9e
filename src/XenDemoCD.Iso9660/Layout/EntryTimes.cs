namespace XenDemoCD.Iso9660.Layout;

/// <summary>An entry's times as the image records them, by the options' file time policy.</summary>
internal static class EntryTimes
{
    public static (DateTimeOffset Modify, DateTimeOffset Access, DateTimeOffset Change) Of(
        TreeEntry entry,
        IsoImageOptions options
    )
    {
        var stamp = options.Timestamp;
        var m = entry.Metadata;
        return options.FileTimes switch
        {
            FileTimePolicy.Timestamp => (stamp, stamp, stamp),
            FileTimePolicy.ClampToTimestamp => (
                Min(m.ModificationTime ?? stamp, stamp),
                Min(m.AccessTime ?? stamp, stamp),
                Min(m.ChangeTime ?? stamp, stamp)
            ),
            _ => (m.ModificationTime ?? stamp, m.AccessTime ?? stamp, m.ChangeTime ?? stamp),
        };

        static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }
}
