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
        foreach (var item in items)
        {
            if (item.Transform != DataTransform.Zisofs)
            {
                continue;
            }
            // Planning compresses every zisofs file: the long part of planning.
            cancellation.ThrowIfCancellationRequested();
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
            using var source = item.Content.OpenRead();
            item.Zisofs = ZisofsEncoder.Plan(source, item.SourceLength, blockSizeLog2);
            item.StoredLength = item.Zisofs.StoredLength;
        }
    }
}
