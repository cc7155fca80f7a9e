using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// The last lines a tool printed, for its failure report. Standard output and standard error
/// are read side by side, so a compiler's error line can be read before the last thirty lines
/// of a busy standard output and fall out of a plain tail. The last error lines are therefore
/// kept as well and put back, in the order they were read, before the tail they fell out of.
/// </summary>
[OutputNeutral("keeps the lines a failure report quotes")]
internal sealed class OutputTail(int lines = 30, int errorLines = 10)
{
    private readonly Queue<(long Order, string Text)> tail = new(lines);
    private readonly Queue<(long Order, string Text)> errors = new(errorLines);
    private long read;

    public void Add(string line, bool isError)
    {
        lock (tail)
        {
            var entry = (read++, line);
            Keep(tail, entry, lines);
            if (isError)
            {
                Keep(errors, entry, errorLines);
            }
        }
    }

    /// <summary>The last lines, with any error line that a later standard output pushed out.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (tail)
        {
            var first = tail.Count == 0 ? long.MaxValue : tail.Peek().Order;
            return errors.Where(e => e.Order < first).Concat(tail).Select(e => e.Text).ToList();
        }
    }

    private static void Keep(
        Queue<(long Order, string Text)> queue,
        (long Order, string Text) entry,
        int limit
    )
    {
        if (queue.Count == limit)
        {
            queue.Dequeue();
        }
        queue.Enqueue(entry);
    }
}
