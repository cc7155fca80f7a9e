using XenDemoCD.Iso9660.Layout;
using XenDemoCD.Iso9660.Writer;

namespace XenDemoCD.Iso9660;

/// <summary>Masters a tree into an ISO 9660 image.</summary>
public static class IsoWriter
{
    /// <summary>
    /// Lays out the image, then streams it to <paramref name="output"/> (which need not seek).
    /// Returns the image size in bytes. <paramref name="progress"/>, when given, hears the bytes
    /// written so far every few megabytes, on the writing thread, ending with the whole image.
    /// <paramref name="cancellation"/> stops planning (between zisofs files) and writing (between
    /// files and every mebibyte of a file) with <see cref="OperationCanceledException"/>.
    /// </summary>
    public static long Write(
        IsoTree tree,
        IsoImageOptions options,
        Stream output,
        IProgress<IsoWriteProgress>? progress = null,
        CancellationToken cancellation = default
    )
    {
        var plan = ImagePlanner.Plan(tree, options, cancellation);
        new ImageWriter(plan, output, progress, cancellation).Write();
        return plan.TotalBytes;
    }

    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/> and renames it into place; a
    /// failed or cancelled write leaves no file at <paramref name="path"/> and removes its own.
    /// </summary>
    public static long WriteFile(
        IsoTree tree,
        IsoImageOptions options,
        string path,
        IProgress<IsoWriteProgress>? progress = null,
        CancellationToken cancellation = default
    )
    {
        var temporary = path + ".partial";
        try
        {
            long size;
            using (
                var stream = new FileStream(
                    temporary,
                    FileMode.Create,
                    FileAccess.Write,
                    FileShare.None,
                    bufferSize: 1 << 16
                )
            )
            {
                size = Write(tree, options, stream, progress, cancellation);
            }
            File.Move(temporary, path, overwrite: true);
            return size;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
