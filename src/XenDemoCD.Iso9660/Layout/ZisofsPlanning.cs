using System.Runtime.ExceptionServices;
using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>zisofs: each compressed file's stored size, known before any block is placed.</summary>
internal static class ZisofsPlanning
{
    /// <summary>Compresses zisofs files once to learn their stored size; keeps them plain when that does not help.</summary>
    public static void Plan(
        IEnumerable<DataItem> items,
        int blockSizeLog2,
        CancellationToken cancellation
    )
    {
        var compressed = items.Where(i => i.Transform == DataTransform.Zisofs).ToList();
        foreach (var item in compressed)
        {
            if (
                item.SourceLength == 0
                || item.SourceLength >= uint.MaxValue
                || item.Content is null
            )
            {
                throw new InvalidOperationException(
                    $"zisofs needs a file between 1 byte and 4 GiB ({item.Content})"
                );
            }
        }
        // Planning compresses every zisofs file: the long part of planning, and each file's
        // plan is its own, so the files are compressed on every core. The plans, and so the
        // image, do not depend on the order they are made in.
        try
        {
            Parallel.ForEach(
                compressed,
                new ParallelOptions { CancellationToken = cancellation },
                item =>
                {
                    using var source = item.Content!.OpenRead();
                    item.Zisofs = ZisofsEncoder.Plan(source, item.SourceLength, blockSizeLog2);
                    item.StoredLength = item.Zisofs.StoredLength;
                }
            );
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // A file that cannot be read is reported as it would be without the parallel loop.
            ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
        }
    }
}
