using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tools;

/// <summary>A distcc host was refused before the compile; the message names the host, both compilers and the fix.</summary>
public sealed class CompileFarmRefusedException(string message)
    : Exception(message),
        IExpectedFailure;
