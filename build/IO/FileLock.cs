using Serilog;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.IO;

/// <summary>
/// An exclusive lock held by an open lock file, shared by every process that uses the same
/// path. Two builds over one download cache (a user's two checkouts, or the tests, which run
/// builds side by side) would otherwise delete each other's half-written downloads and race
/// on apt's lists. .NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/>, and
/// the kernel drops it when the holder dies, so a killed build never leaves the lock behind.
/// </summary>
[OutputNeutral("keeps two builds apart")]
public sealed class FileLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly FileStream held;

    private FileLock(FileStream held) => this.held = held;

    /// <summary>Waits until the lock is free, saying once in the log who it is waiting for.</summary>
    public static async Task<FileLock> AcquireAsync(
        string path,
        string purpose,
        CancellationToken cancellation = default
    )
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var announced = false;
        while (true)
        {
            if (TryOpen(path) is { } stream)
            {
                return new FileLock(stream);
            }
            if (!announced)
            {
                Log.Information(
                    "Waiting for another build that holds {Lock} ({Purpose})",
                    path,
                    purpose
                );
                announced = true;
            }
            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>The lock if it is free now; null while another process holds it.</summary>
    public static FileLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return TryOpen(path) is { } stream ? new FileLock(stream) : null;
    }

    public void Dispose() => held.Dispose();

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(
                path,
                FileMode.OpenOrCreate,
                FileAccess.ReadWrite,
                FileShare.None
            );
        }
        catch (IOException) when (File.Exists(path))
        {
            // Held by another open file description; anything else (no such directory, no
            // permission) is thrown as it is.
            return null;
        }
    }
}
