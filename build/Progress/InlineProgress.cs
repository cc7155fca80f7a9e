namespace XenDemoCD.Build.Progress;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread, in order: the BCL's
/// <see cref="Progress{T}"/> posts to the thread pool, where reports can overtake each other.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
