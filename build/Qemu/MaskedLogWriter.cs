using System.Text;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// A serial log on disk with the secrets masked. A VM's output arrives in arbitrary chunks (the
/// echo of typed keys comes back a few characters at a time), so a secret can be split between
/// two of them: whatever might begin one waits for the next chunk before it is written.
/// </summary>
public sealed class MaskedLogWriter(string path, SecretMask mask) : IAsyncDisposable
{
    private readonly StreamWriter log = new(path, append: false) { AutoFlush = true };
    private readonly StringBuilder undecided = new();
    private readonly SemaphoreSlim writing = new(1, 1);

    public string Path => path;

    public async Task WriteAsync(string chunk)
    {
        // Standard output and standard error (QEMU's own lines) write from two tasks.
        await writing.WaitAsync();
        try
        {
            var text = mask.Apply(undecided.Append(chunk).ToString());
            var keep = mask.UndecidedTail(text);
            undecided.Clear().Append(text, text.Length - keep, keep);
            await log.WriteAsync(text.AsMemory(0, text.Length - keep));
        }
        finally
        {
            writing.Release();
        }
    }

    public Task WriteLineAsync(string line) => WriteAsync(line + "\n");

    public async ValueTask DisposeAsync()
    {
        await log.WriteAsync(mask.Apply(undecided.ToString()));
        await log.DisposeAsync();
        writing.Dispose();
    }
}
