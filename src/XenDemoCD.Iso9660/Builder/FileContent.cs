namespace XenDemoCD.Iso9660;

/// <summary>
/// Where a regular file's bytes come from. The writer asks for the length while it lays out the
/// image and opens the source only when it copies the bytes, so no content is held in memory.
/// Two tree entries that share one <see cref="FileContent"/> are hard links: one extent, one inode.
/// </summary>
public abstract class FileContent
{
    /// <summary>
    /// The content's size in bytes. The writer reads it while it lays out the image, so it must
    /// not change until the image is written.
    /// </summary>
    public abstract long Length { get; }

    /// <summary>
    /// Opens the content for reading from its first byte; the caller disposes the stream. It
    /// may be called more than once (a zisofs file is read when the image is planned and again
    /// when it is written), and must yield exactly <see cref="Length"/> bytes each time.
    /// </summary>
    public abstract Stream OpenRead();

    /// <summary>A file on disk; its length is taken now and checked again when it is copied.</summary>
    public static FileContent FromFile(string path) => new DiskFileContent(path);

    /// <summary>Bytes held in memory; the array is used as it is, not copied, so do not change it.</summary>
    public static FileContent FromBytes(byte[] bytes) => new MemoryFileContent(bytes);

    /// <summary>Any stream source of a known length (opened once per write).</summary>
    public static FileContent FromStream(Func<Stream> open, long length) =>
        new StreamFileContent(open, length);

    private sealed class DiskFileContent(string path) : FileContent
    {
        public override long Length { get; } = new FileInfo(path).Length;

        public override Stream OpenRead() =>
            new FileStream(
                path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read,
                bufferSize: 0,
                FileOptions.SequentialScan
            );

        public override string ToString() => path;
    }

    private sealed class MemoryFileContent(byte[] bytes) : FileContent
    {
        public override long Length => bytes.Length;

        public override Stream OpenRead() => new MemoryStream(bytes, writable: false);
    }

    private sealed class StreamFileContent(Func<Stream> open, long length) : FileContent
    {
        public override long Length => length;

        public override Stream OpenRead() => open();
    }
}
