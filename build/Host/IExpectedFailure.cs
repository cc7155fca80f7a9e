namespace XenDemoCD.Build.Host;

/// <summary>
/// A failure the user can act on (an input file, the command line, a tool's exit, a missing
/// package, an interrupted run), as opposed to a bug. Its message already says what failed,
/// where (file:line:field, or the task, the command and its last lines) and the fix, so the host
/// prints it as one block without a stack trace; the log file still gets the trace.
/// </summary>
public interface IExpectedFailure;
