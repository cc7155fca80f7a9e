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
    private readonly DistccTally? farm;

    public CompileProgress(IStepProgress progress, int? expectedSteps, DistccTally? farm = null)
    {
        this.progress = progress;
        this.expectedSteps = expectedSteps;
        this.farm = farm;
    }

    /// <param name="farm">where distcc sent the files, shown beside the count; null when compiling here alone</param>
    public CompileProgress(string what, int? expectedSteps, DistccTally? farm = null)
    {
        var step = new StepProgress(what, ProgressUnit.Of("steps"));
        (progress, owned, this.expectedSteps, this.farm) = (step, step, expectedSteps, farm);
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
        var where = "in " + (Path.GetDirectoryName(match.Groups[2].Value) ?? "");
        if (farm is not null)
        {
            farm.Refresh();
            where += " · distcc: " + farm.Summary();
        }
        progress.Report(objects, total, where);
    }

    /// <summary>Clears the live line, when the progress is this object's own.</summary>
    public void Dispose() => owned?.Dispose();

    // kbuild marks module objects: "  CC [M]  drivers/xen/xen-pciback/pci_stub.o".
    [GeneratedRegex(
        @"^\s+(CC|AS|LD|AR|CPP|HOSTCC|HOSTLD|OBJCOPY|GEN|CHK|UPD|INSTALL)(?:\s+\[M\])?\s+(\S+)"
    )]
    private static partial Regex BuildStep();
}
