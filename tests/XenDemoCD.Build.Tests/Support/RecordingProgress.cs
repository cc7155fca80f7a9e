using XenDemoCD.Build.Progress;

namespace XenDemoCD.Build.Tests.Support;

/// <summary>Keeps every report a step made, in order.</summary>
public sealed class RecordingProgress : IStepProgress
{
    private readonly Lock gate = new();
    private readonly List<(long? Done, long? Total, string? Detail)> reports = [];

    public IReadOnlyList<(long? Done, long? Total, string? Detail)> Reports
    {
        get
        {
            lock (gate)
            {
                return [.. reports];
            }
        }
    }

    public void Report(long done, long? total, string? detail = null)
    {
        lock (gate)
        {
            reports.Add((done, total, detail));
        }
    }

    public void Report(string detail)
    {
        lock (gate)
        {
            reports.Add((null, null, detail));
        }
    }
}
