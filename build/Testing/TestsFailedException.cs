using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Testing;

/// <summary>A test run that failed, naming each failed test and the first line of its message.</summary>
public sealed class TestsFailedException(IReadOnlyList<TestResult> failures, Exception run)
    : Exception(Describe(failures), run),
        IExpectedFailure
{
    public IReadOnlyList<TestResult> Failures { get; } = failures;

    private static string Describe(IReadOnlyList<TestResult> failures) =>
        $"{failures.Count} test(s) failed:"
        + string.Concat(failures.Select(f => $"\n  {f.Name}: {f.Message.Split('\n')[0].Trim()}"));
}
