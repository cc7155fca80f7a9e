using System.Collections.Concurrent;

namespace XenDemoCD.Build.Host;

/// <summary>
/// What each task really did beyond Cake's "executed / skipped": a stage that found its output
/// up to date ran, but did no work; the report shows that, and why.
/// </summary>
public sealed class TaskOutcomes
{
    private readonly ConcurrentDictionary<string, string> notes = new(
        StringComparer.OrdinalIgnoreCase
    );

    public void Note(string task, string note) => notes[task] = note;

    public string? For(string task) => notes.TryGetValue(task, out var note) ? note : null;
}
