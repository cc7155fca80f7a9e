namespace XenDemoCD.Build.RootFs;

/// <summary>
/// Where a file's bytes are: a slice of a tar archive, a file on disk, or bytes made by the
/// build. The tree holds only these references, so a 300 MB root costs memory per entry, not per byte.
/// </summary>
public abstract record NodeContent(long Length)
{
    public abstract Stream Open();
}

/// <summary>The data of an entry inside an uncompressed tar file.</summary>
public sealed record TarSlice(string Archive, long Offset, long Size) : NodeContent(Size)
{
    public override Stream Open()
    {
        var stream = new FileStream(
            Archive,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            1 << 16
        );
        return new IO.StreamWindow(stream, Offset, Size, ownsInner: true);
    }
}

public sealed record DiskFile(string Path) : NodeContent(new FileInfo(Path).Length)
{
    public override Stream Open() => File.OpenRead(Path);
}

public sealed record InlineBytes(byte[] Bytes) : NodeContent(Bytes.Length)
{
    public override Stream Open() => new MemoryStream(Bytes, writable: false);
}
