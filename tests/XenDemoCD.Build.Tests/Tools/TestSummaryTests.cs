namespace XenDemoCD.Build.Tests.Tools;

public sealed class TestSummaryTests
{
    [Fact]
    public void Both_summary_forms_of_dotnet_test_are_added_up_across_projects()
    {
        var totals = new XenDemoCD.Build.Tasks.UnitTests.Totals();
        string[] output =
        [
            "  Passed XenDemoCD.Build.Tests.Host.BuildHostTests.Dependencies_run_before_the_task_that_needs_them [3 ms]",
            "Total tests: 52",
            "     Passed: 50",
            "     Failed: 1",
            "    Skipped: 1",
            " Total time: 9.4990 Minutes",
            "Passed!  - Failed:     0, Passed:    40, Skipped:     2, Total:    42, Duration: 1 s - XenDemoCD.Iso9660.Tests.dll (net10.0)",
        ];

        foreach (var line in output)
        {
            totals.OnLine(line);
        }

        Assert.Equal((90, 1, 3), (totals.Passed, totals.Failed, totals.Skipped));
    }
}
