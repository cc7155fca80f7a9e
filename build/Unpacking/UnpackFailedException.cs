using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// Reading the CD or writing the unpack failed midway (a truncated or unreadable CD, a full
/// disk); says why and what became of the partial output (<see cref="UnpackStaging.Abandon"/>).
/// </summary>
public sealed class UnpackFailedException(string source, Exception cause, string outcome)
    : Exception($"Unpacking {source} failed: {cause.Message}; {outcome}.", cause),
        IExpectedFailure;
