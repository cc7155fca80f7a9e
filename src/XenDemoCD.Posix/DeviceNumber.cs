namespace XenDemoCD.Posix;

/// <summary>
/// glibc's dev_t encoding. Rock Ridge PN carries dev_t split into high and low 32 bits;
/// Linux, libisofs and libarchive all decode it this way.
/// </summary>
public static class DeviceNumber
{
    /// <summary>
    /// Packs a device's major and minor numbers into a 64-bit <c>dev_t</c> as glibc's
    /// <c>makedev</c> does: minor bits 0-7 and 8-31 go to bits 0-7 and 20-43, major bits 0-11
    /// and 12-31 go to bits 8-19 and 44-63.
    /// </summary>
    /// <param name="major">The device's major number (the driver, e.g. 5 for /dev/console).</param>
    /// <param name="minor">The device's minor number (the instance within the driver).</param>
    /// <returns>The encoded <c>dev_t</c>, as <c>mknod</c> takes it and Rock Ridge PN stores it.</returns>
    public static ulong Encode(uint major, uint minor) =>
        ((ulong)(major & 0xFFFFF000) << 32)
        | ((ulong)(major & 0xFFF) << 8)
        | ((ulong)(minor & 0xFFFFFF00) << 12)
        | (minor & 0xFF);

    /// <summary>
    /// Splits a 64-bit <c>dev_t</c> into its major and minor numbers, as glibc's <c>major</c>
    /// and <c>minor</c> do; the inverse of <see cref="Encode"/>.
    /// </summary>
    /// <param name="dev">A <c>dev_t</c> in glibc's encoding, such as a Rock Ridge PN value.</param>
    /// <returns>The major and minor device numbers.</returns>
    public static (uint Major, uint Minor) Decode(ulong dev) =>
        (
            (uint)(((dev >> 32) & 0xFFFFF000) | ((dev >> 8) & 0xFFF)),
            (uint)(((dev >> 12) & 0xFFFFFF00) | (dev & 0xFF))
        );
}
