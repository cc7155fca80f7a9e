namespace XenDemoCD.Posix;

/// <summary>
/// glibc's dev_t encoding. Rock Ridge PN carries dev_t split into high and low 32 bits;
/// Linux, libisofs and libarchive all decode it this way.
/// </summary>
public static class DeviceNumber
{
    public static ulong Encode(uint major, uint minor) =>
        ((ulong)(major & 0xFFFFF000) << 32)
        | ((ulong)(major & 0xFFF) << 8)
        | ((ulong)(minor & 0xFFFFFF00) << 12)
        | (minor & 0xFF);

    public static (uint Major, uint Minor) Decode(ulong dev) =>
        (
            (uint)(((dev >> 32) & 0xFFFFF000) | ((dev >> 8) & 0xFFF)),
            (uint)(((dev >> 12) & 0xFFFFFF00) | (dev & 0xFF))
        );
}
