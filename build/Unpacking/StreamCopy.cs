namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// Stream.CopyTo that stops between chunks on Ctrl+C: root.tar and the CD's large files take
/// long enough that an interrupt should not wait for them.
/// </summary>
public static class StreamCopy
{
    private const int ChunkSize = 1 << 20;

    public static void Copy(Stream input, Stream output, CancellationToken cancellation)
    {
        var buffer = new byte[ChunkSize];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            output.Write(buffer.AsSpan(0, read));
        }
    }
}
