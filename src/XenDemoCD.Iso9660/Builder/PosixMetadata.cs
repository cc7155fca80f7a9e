namespace XenDemoCD.Iso9660;

/// <summary>
/// Owner, permissions and times of one entry. A time left null takes the image timestamp, so
/// an entry built in code never picks up the clock.
/// </summary>
public sealed record PosixMetadata
{
    /// <summary>Permission bits only (07777): rwx for user/group/other plus setuid, setgid, sticky. Default 0755.</summary>
    public uint Permissions { get; init; } = Convert.ToUInt32("755", 8);

    /// <summary>The owner's user id, written in the Rock Ridge PX entry (default 0, root).</summary>
    public uint Uid { get; init; }

    /// <summary>The owner's group id, written in the Rock Ridge PX entry (default 0, root).</summary>
    public uint Gid { get; init; }

    /// <summary>
    /// mtime: the ECMA-119 recording date and the Rock Ridge TF modify time. Null takes the
    /// image timestamp (<see cref="IsoImageOptions.Timestamp"/>); <see cref="IsoImageOptions.FileTimes"/>
    /// may clamp or replace any of the three times.
    /// </summary>
    public DateTimeOffset? ModificationTime { get; init; }

    /// <summary>atime: the Rock Ridge TF access time. Null takes the image timestamp.</summary>
    public DateTimeOffset? AccessTime { get; init; }

    /// <summary>
    /// ctime: the Rock Ridge TF attributes time (last status change). Null takes the image
    /// timestamp.
    /// </summary>
    public DateTimeOffset? ChangeTime { get; init; }

    /// <summary>The default for directories: 0755 (rwxr-xr-x), owned by root, image times.</summary>
    public static PosixMetadata Directory { get; } = new();

    /// <summary>The default for regular files: 0644 (rw-r--r--), owned by root, image times.</summary>
    public static PosixMetadata File { get; } = new() { Permissions = Convert.ToUInt32("644", 8) };

    /// <summary>The default for symlinks: 0777 (rwxrwxrwx, as Linux shows every symlink), owned by root, image times.</summary>
    public static PosixMetadata Symlink { get; } =
        new() { Permissions = Convert.ToUInt32("777", 8) };
}
