using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// Ctrl+C during an unpack; still an <see cref="OperationCanceledException"/>, so whatever
/// handles interruptions handles this one, and says what became of the partial output.
/// </summary>
public sealed class UnpackInterruptedException(string source, string outcome)
    : OperationCanceledException($"Unpacking {source} was interrupted; {outcome}."),
        IExpectedFailure;
