using System.Text.RegularExpressions;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Progress;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// Counts the steps of a kbuild-style compile log ("  CC      arch/x86/mm.o") and reports them
/// as a percentage of the expected count (<see cref="CompileStepCount"/>: this machine's last
/// full build, or the estimate kept in the repository for a first build).
/// </summary>
[OutputNeutral("shows progress")]
public sealed partial class CompileProgress : IDisposable
{
    private readonly Lock gate = new();
    private readonly IStepProgress progress;
    private readonly int? expectedSteps;
    private readonly IDisposable? owned;

    public CompileProgress(IStepProgress progress, int? expectedSteps)
    {
        this.progress = progress;
        this.expectedSteps = expectedSteps;
    }

    public CompileProgress(string what, int? expectedSteps)
    {
        var step = new StepProgress(what, ProgressUnit.Of("steps"));
        (progress, owned, this.expectedSteps) = (step, step, expectedSteps);
    }

    public int Objects { get; private set; }

    public void OnLine(string line)
    {
        var match = BuildStep().Match(line);
        if (!match.Success)
        {
            return;
        }
        int objects;
        lock (gate)
        {
            objects = ++Objects;
        }
        // A count past the expected one means the record is stale (or the estimate low): a
        // percentage would lie, so only the count is shown.
        long? total =
            expectedSteps is > 0 and var expected && objects <= expected ? expected : null;
        progress.Report(
            objects,
            total,
            "in " + (Path.GetDirectoryName(match.Groups[2].Value) ?? "")
        );
    }

    /// <summary>Clears the live line, when the progress is this object's own.</summary>
    public void Dispose() => owned?.Dispose();

    // kbuild marks module objects: "  CC [M]  drivers/xen/xen-pciback/pci_stub.o".
    [GeneratedRegex(
        @"^\s+(CC|AS|LD|AR|CPP|HOSTCC|HOSTLD|OBJCOPY|GEN|CHK|UPD|INSTALL)(?:\s+\[M\])?\s+(\S+)"
    )]
    private static partial Regex BuildStep();
}
