namespace XenDemoCD.Iso9660;

/// <summary>
/// Owner, permissions and times of one entry. A time left null takes the image timestamp, so
/// an entry built in code never picks up the clock.
/// </summary>
public sealed record PosixMetadata
{
    /// <summary>Permission bits only (07777): rwx for user/group/other plus setuid, setgid, sticky.</summary>
    public uint Permissions { get; init; } = Convert.ToUInt32("755", 8);

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    public DateTimeOffset? ModificationTime { get; init; }

    public DateTimeOffset? AccessTime { get; init; }

    public DateTimeOffset? ChangeTime { get; init; }

    public static PosixMetadata Directory { get; } = new();

    public static PosixMetadata File { get; } = new() { Permissions = Convert.ToUInt32("644", 8) };

    public static PosixMetadata Symlink { get; } =
        new() { Permissions = Convert.ToUInt32("777", 8) };
}
