using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// Boot cases whose checks failed: the CD (or the machine) is at fault, not the build, so the
/// report names each case, what failed in it and where the serial logs are, without a trace.
/// </summary>
public sealed class BootCasesFailedException(
    IReadOnlyList<BootCheck.Result> failed,
    string serialLogs
) : Exception(Describe(failed, serialLogs)), IExpectedFailure
{
    public IReadOnlyList<BootCheck.Result> Failed { get; } = failed;

    private static string Describe(IReadOnlyList<BootCheck.Result> failed, string serialLogs) =>
        $"{failed.Count} boot case(s) failed:"
        + string.Concat(failed.Select(r => $"\n  {r.Case.Name}: {string.Join("; ", r.Failed)}"))
        + $"\nSerial logs and each case's boot analysis: {serialLogs}";
}
