using XenDemoCD.Build.Host;
using XenDemoCD.Build.Progress;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// The progress of an apt download, read off the disk: apt prints none when its output is not a
/// terminal (ours never is), but it writes each file straight into the directory it downloads
/// to, so the bytes there, polled, are the bytes fetched.
/// </summary>
[OutputNeutral("shows download progress")]
public sealed class DownloadWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly string directory;
    private readonly long? total;
    private readonly IStepProgress progress;
    private readonly Task polling;

    private DownloadWatch(string directory, long? total, IStepProgress progress, TimeSpan interval)
    {
        this.directory = directory;
        this.total = total;
        this.progress = progress;
        polling = PollAsync(directory, total, progress, interval, stop.Token);
    }

    public static DownloadWatch Start(
        string directory,
        long? total,
        IStepProgress progress,
        TimeSpan? interval = null
    ) => new(directory, total, progress, interval ?? TimeSpan.FromMilliseconds(250));

    /// <summary>The bytes of every file under <paramref name="directory"/> (apt's partial files included).</summary>
    public static long BytesIn(string directory)
    {
        long bytes = 0;
        foreach (
            var file in new DirectoryInfo(directory).EnumerateFiles(
                "*",
                new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }
            )
        )
        {
            try
            {
                bytes += file.Length;
            }
            catch (FileNotFoundException)
            {
                // apt renamed or removed it between the listing and the look.
            }
        }
        return bytes;
    }

    private static async Task PollAsync(
        string directory,
        long? total,
        IStepProgress progress,
        TimeSpan interval,
        CancellationToken cancellation
    )
    {
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                progress.Report(BytesIn(directory), total);
                await Task.Delay(interval, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the download ended.
        }
    }

    /// <summary>Stops polling after one last look, so the final report is the whole download.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await polling.ConfigureAwait(false);
        progress.Report(BytesIn(directory), total);
        stop.Dispose();
    }
}
