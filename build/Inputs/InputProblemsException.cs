using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Inputs;

/// <summary>Several input files are wrong: each problem on a line of its own, with its fix.</summary>
public sealed class InputProblemsException(IReadOnlyList<Exception> problems)
    : Exception(
        $"{problems.Count} input problems, each to fix before the build can start:"
            + string.Concat(problems.Select(p => $"{Environment.NewLine}  - {p.Message}"))
    ),
        IExpectedFailure
{
    public IReadOnlyList<Exception> Problems { get; } = problems;
}
