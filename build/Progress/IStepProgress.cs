namespace XenDemoCD.Build.Progress;

/// <summary>Where a long step reports how far it is; <see cref="StepProgress"/> shows it.</summary>
public interface IStepProgress
{
    /// <summary><paramref name="done"/> of <paramref name="total"/> (null: unknown), and what it is doing now.</summary>
    void Report(long done, long? total, string? detail = null);

    /// <summary>Only what it is doing now, for a step with nothing to count (a boot).</summary>
    void Report(string detail);
}
