using System.Diagnostics;
using Serilog;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Inputs;

/// <summary>
/// Runs the input checks of every task that will run, once per file, and reports every problem
/// found, not just the first: a user fixing typos should not need one 40-minute run per typo.
/// </summary>
public static class InputReview
{
    public static void Run<TContext>(ExecutionPlan<TContext> plan, TContext context)
    {
        var watch = Stopwatch.StartNew();
        var checks = plan
            .Tasks.Where(t => plan.DecisionFor(t, context).ShouldRun)
            .SelectMany(t => t.InputChecks(context))
            .DistinctBy(c => Path.GetFullPath(c.File))
            .ToList();
        var problems = new List<Exception>();
        foreach (var check in checks)
        {
            try
            {
                check.Check();
            }
            catch (Exception e) when (e is IExpectedFailure)
            {
                problems.Add(e);
            }
        }
        Log.Debug(
            "Checked {Count} input files in {Elapsed:N0} ms: {Files:l}",
            checks.Count,
            watch.Elapsed.TotalMilliseconds,
            string.Join(", ", checks.Select(c => c.File))
        );
        switch (problems.Count)
        {
            case 0:
                return;
            case 1:
                throw problems[0];
            default:
                throw new InputProblemsException(problems);
        }
    }
}
