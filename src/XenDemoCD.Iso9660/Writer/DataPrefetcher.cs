using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using XenDemoCD.Iso9660.Layout;

namespace XenDemoCD.Iso9660.Writer;

/// <summary>
/// Reads the files that are copied as they are ahead of the writer, on a thread of its own, so
/// that reading the tree and writing the image overlap (xorriso's fifo does the same). Without
/// it both copies run on one core and the other idles. At most <see cref="ChunksAhead"/> chunks
/// of <see cref="ChunkSize"/> bytes are held, so memory stays bounded whatever the tree.
/// </summary>
internal sealed class DataPrefetcher : IDisposable
{
    private const int ChunkSize = 1 << 20;
    private const int ChunksAhead = 16;

    private readonly BlockingCollection<Chunk> chunks = new(ChunksAhead);
    private readonly CancellationTokenSource stop = new();
    private readonly Task reader;

    /// <summary>Starts reading, in order, every item of <paramref name="items"/> that <see cref="IsPrefetched"/>.</summary>
    public DataPrefetcher(IReadOnlyList<DataItem> items)
    {
        reader = Task.Factory.StartNew(
            () => ReadAll(items),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default
        );
    }

    /// <summary>Plain copies only: zisofs and the patched BIOS image read their own sources.</summary>
    public static bool IsPrefetched(DataItem item) =>
        item.Transform == DataTransform.Copy && item.StoredLength > 0;

    /// <summary>
    /// Hands the bytes of <paramref name="item"/>, the next prefetched item in plan order, to
    /// <paramref name="emit"/>; rethrows the reader's error (naming the file) if it had one.
    /// </summary>
    public void CopyNext(
        DataItem item,
        Action<ReadOnlySpan<byte>> emit,
        CancellationToken cancellation = default
    )
    {
        var remaining = item.StoredLength;
        while (remaining > 0)
        {
            // Once a chunk (1 MiB): a file of gigabytes stops within a moment of being asked.
            cancellation.ThrowIfCancellationRequested();
            if (!chunks.TryTake(out var chunk, Timeout.Infinite))
            {
                throw new InvalidOperationException(
                    $"{item.Content}: the reader stopped before this file's bytes"
                );
            }
            if (chunk.Error is not null)
            {
                ExceptionDispatchInfo.Throw(chunk.Error);
            }
            try
            {
                emit(chunk.Buffer.AsSpan(0, chunk.Count));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }
            remaining -= chunk.Count;
        }
    }

    private void ReadAll(IReadOnlyList<DataItem> items)
    {
        try
        {
            foreach (var item in items)
            {
                if (IsPrefetched(item))
                {
                    Read(item);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The writer gave up (its own error); nobody is waiting for more bytes.
        }
        catch (Exception error)
        {
            try
            {
                chunks.Add(new Chunk([], 0, error), stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The writer gave up first; its own error is the one reported.
            }
        }
        finally
        {
            chunks.CompleteAdding();
        }
    }

    private void Read(DataItem item)
    {
        using var source = item.Content!.OpenRead();
        var remaining = item.StoredLength;
        while (remaining > 0)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            var wanted = (int)Math.Min(ChunkSize, remaining);
            var read = source.ReadAtLeast(buffer.AsSpan(0, wanted), wanted, false);
            if (read == 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw new IOException(
                    $"{item.Content}: shorter than the {item.StoredLength} bytes it had when the image was laid out"
                );
            }
            remaining -= read;
            // Checked before the file's last chunk is handed over, so the error reaches the
            // writer while it is still at this file, even when it is the image's last one.
            if (remaining == 0 && source.CanSeek && source.Length != item.StoredLength)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw new IOException($"{item.Content}: changed size while the image was written");
            }
            chunks.Add(new Chunk(buffer, read, null), stop.Token);
        }
    }

    public void Dispose()
    {
        // Every Add the reader makes honours the token, so once cancelled it ends at once even
        // on a full queue; waiting for it means no source file is still open when the image is
        // renamed into place. What it queued and nobody took goes back to the pool.
        stop.Cancel();
        reader.Wait();
        foreach (var chunk in chunks.GetConsumingEnumerable())
        {
            if (chunk.Buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(chunk.Buffer);
            }
        }
        chunks.Dispose();
        stop.Dispose();
    }

    private readonly record struct Chunk(byte[] Buffer, int Count, Exception? Error);
}
