namespace XenDemoCD.Cpio;

/// <summary>
/// Where a regular file's bytes come from. Opened only while the archive is written, one file at
/// a time, so an archive of any size is never held in memory. The length is fixed up front
/// because the header precedes the data; a source that delivers a different number of bytes is
/// an error, never a silently corrupt archive.
/// </summary>
public sealed class CpioContent
{
    private readonly Func<Stream> open;

    private CpioContent(long length, Func<Stream> open, string description)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        this.open = open;
        Description = description;
    }

    public long Length { get; }

    /// <summary>Where the bytes come from, for error messages.</summary>
    public string Description { get; }

    public Stream Open() => open();

    public static CpioContent FromBytes(byte[] bytes) =>
        new(bytes.Length, () => new MemoryStream(bytes, writable: false), "bytes in memory");

    public static CpioContent FromText(string text) =>
        FromBytes(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A file on disk; its length is taken now, its bytes when the archive is written.</summary>
    public static CpioContent FromFile(string path) =>
        new(new FileInfo(path).Length, () => File.OpenRead(path), path);

    public static CpioContent FromStream(long length, Func<Stream> open, string description) =>
        new(length, open, description);
}
