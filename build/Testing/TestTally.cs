namespace XenDemoCD.Build.Testing;

/// <summary>Passed, failed and skipped tests of the run (xunit and boot tests together).</summary>
public sealed class TestTally
{
    private int passed;
    private int failed;
    private int skipped;

    public int Passed => passed;
    public int Failed => failed;
    public int Skipped => skipped;

    public void Add(int newlyPassed, int newlyFailed, int newlySkipped)
    {
        Interlocked.Add(ref passed, newlyPassed);
        Interlocked.Add(ref failed, newlyFailed);
        Interlocked.Add(ref skipped, newlySkipped);
    }

    public override string ToString() =>
        $"Tests: {Passed} passed, {Failed} failed, {Skipped} skipped";
}
