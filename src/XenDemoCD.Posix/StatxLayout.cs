namespace XenDemoCD.Posix;

/// <summary>
/// Byte offsets in Linux's <c>struct statx</c> (include/uapi/linux/stat.h), which has one layout
/// on every architecture, unlike <c>struct stat</c>: the reason the calls use statx. Each time
/// is a <c>struct statx_timestamp</c> whose first field is the 64-bit seconds.
/// </summary>
internal static class StatxLayout
{
    public const int Size = 256;

    /// <summary>STATX_BASIC_STATS: type, mode, links, owners, times, inode, size, blocks.</summary>
    public const uint BasicStats = 0x7FF;

    public const int LinkCount = 16; // __u32 stx_nlink
    public const int Uid = 20; // __u32 stx_uid
    public const int Gid = 24; // __u32 stx_gid
    public const int Mode = 28; // __u16 stx_mode
    public const int Inode = 32; // __u64 stx_ino
    public const int FileSize = 40; // __u64 stx_size
    public const int AccessTime = 64; // stx_atime
    public const int ChangeTime = 96; // stx_ctime
    public const int ModificationTime = 112; // stx_mtime
    public const int RdevMajor = 128; // __u32 stx_rdev_major
    public const int RdevMinor = 132; // __u32 stx_rdev_minor
    public const int DevMajor = 136; // __u32 stx_dev_major
    public const int DevMinor = 140; // __u32 stx_dev_minor
}
