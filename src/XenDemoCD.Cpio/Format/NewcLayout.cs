namespace XenDemoCD.Cpio.Format;

/// <summary>
/// The on-disk layout of a "newc" header (<c>cpio -H newc</c>, what the kernel's initramfs
/// unpacker reads): a 6-byte magic, then thirteen 8-digit hexadecimal fields, then the name
/// with its NUL, padded so the data starts on a 4-byte boundary; the data is padded to 4 too.
/// </summary>
internal static class NewcLayout
{
    public const string Magic = "070701";

    /// <summary>The variant with a checksum in <c>c_check</c>; read like newc, the sum ignored.</summary>
    public const string MagicWithChecksum = "070702";

    public const int MagicLength = 6;
    public const int FieldLength = 8;
    public const int FieldCount = 13;
    public const int HeaderLength = MagicLength + FieldCount * FieldLength;
    public const int Alignment = 4;

    /// <summary>The name of the empty entry that ends every archive.</summary>
    public const string TrailerName = "TRAILER!!!";

    // Field indexes, in header order.
    public const int Inode = 0;
    public const int Mode = 1;
    public const int Uid = 2;
    public const int Gid = 3;
    public const int LinkCount = 4;
    public const int ModificationTime = 5;
    public const int FileSize = 6;
    public const int DevMajor = 7;
    public const int DevMinor = 8;
    public const int RDevMajor = 9;
    public const int RDevMinor = 10;
    public const int NameSize = 11;
    public const int Check = 12;

    public static readonly string[] FieldNames =
    [
        "c_ino",
        "c_mode",
        "c_uid",
        "c_gid",
        "c_nlink",
        "c_mtime",
        "c_filesize",
        "c_devmajor",
        "c_devminor",
        "c_rdevmajor",
        "c_rdevminor",
        "c_namesize",
        "c_check",
    ];

    public static int FieldOffset(int field) => MagicLength + field * FieldLength;

    /// <summary>Bytes of padding after something ending at <paramref name="position"/>.</summary>
    public static int PaddingAfter(long position) =>
        (int)((Alignment - position % Alignment) % Alignment);

    /// <summary>The kernel's PATH_MAX: no name it would accept is longer (with its NUL).</summary>
    public const int MaxNameSize = 4096;

    /// <summary>Permission bits (with setuid, setgid, sticky) and the type bits of c_mode.</summary>
    public const uint PermissionMask = 0xFFF;
    public const uint TypeMask = 0xF000;
}
