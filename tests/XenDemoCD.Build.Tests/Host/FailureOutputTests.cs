using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

/// <summary>How a failed run ends on the console: one block a person can act on.</summary>
[Collection(SerialCollection.Name)]
public sealed class FailureOutputTests : IDisposable
{
    private readonly TempDirectory logs = new();

    public void Dispose() => logs.Dispose();

    private static bool IsStackFrame(string line) =>
        line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && line.StartsWith("   ");

    [Fact]
    public async Task An_expected_failure_in_a_task_ends_the_output_with_one_block_naming_the_task_the_fix_and_the_log_file()
    {
        var run = new HostRun();
        run.Host.WithLogDirectory(_ => logs.Path);
        using var console = new ConsoleCapture();

        var exitCode = await run.RunAsync("--target=BrokenInput");

        Assert.Equal(BuildHost<RecordingContext>.Failed, exitCode);
        var logFile = Assert.Single(Directory.GetFiles(logs.Path));
        Assert.Equal(
            [
                "Build failed in task BrokenInput:",
                "  grub/menu.conf:3: field 'timeout' is 'soon', not a number of seconds; write e.g. timeout=5.",
                $"Log file: {logFile}",
            ],
            console.Lines.TakeLast(3)
        );
        Assert.DoesNotContain(console.Lines, IsStackFrame);
        // The report table comes before the block, not after it.
        Assert.Contains(console.Lines, l => l.Contains("FAILED", StringComparison.Ordinal));
        console.Dispose();
        Serilog.Log.CloseAndFlush();
        Assert.Contains(File.ReadAllLines(logFile), IsStackFrame);
    }

    [Fact]
    public async Task An_expected_failure_in_the_setup_gets_the_same_block_and_no_task_runs()
    {
        var run = new HostRun();
        run.Host.WithLogDirectory(_ => logs.Path).UseLifetime(new FailingSetup());
        using var console = new ConsoleCapture();

        var exitCode = await run.RunAsync("--target=C");

        Assert.Equal(BuildHost<RecordingContext>.Failed, exitCode);
        Assert.Empty(run.Context.Ran);
        var logFile = Assert.Single(Directory.GetFiles(logs.Path));
        Assert.Equal(
            [
                "Build failed before the first task (setup):",
                "  rootpatch.permissions:7: owner 'nobdy' is not a user of the root; use one from /etc/passwd.",
                $"Log file: {logFile}",
            ],
            console.Lines.TakeLast(3)
        );
        Assert.DoesNotContain(console.Lines, IsStackFrame);
    }

    [Fact]
    public async Task An_unexpected_exception_is_shown_with_its_trace_and_called_a_bug()
    {
        var run = new HostRun();
        run.Host.WithLogDirectory(_ => logs.Path);
        using var console = new ConsoleCapture();

        var exitCode = await run.RunAsync("--target=Failing", "--verbosity=quiet");

        Assert.Equal(BuildHost<RecordingContext>.Failed, exitCode);
        var logFile = Assert.Single(Directory.GetFiles(logs.Path));
        Assert.Contains(
            "Build failed in task Failing with an unexpected InvalidOperationException:",
            console.Lines
        );
        Assert.Contains("  System.InvalidOperationException: the compiler exploded", console.Lines);
        Assert.Contains(console.Lines, IsStackFrame);
        Assert.Equal(
            $"This is a bug in XenDemoCD; please report it with the log file {logFile}",
            console.Lines[^1]
        );
    }

    [Fact]
    public async Task A_stack_trace_of_an_expected_failure_shows_on_the_console_at_diagnostic_verbosity()
    {
        var run = new HostRun();
        using var console = new ConsoleCapture();

        await run.RunAsync("--target=BrokenInput", "--verbosity=diagnostic");

        Assert.Contains(console.Lines, IsStackFrame);
        Assert.Contains("Build failed in task BrokenInput:", console.Lines);
    }

    [Fact]
    public async Task Quiet_verbosity_shows_warnings_and_one_closing_line_on_success()
    {
        var run = new HostRun();
        using var console = new ConsoleCapture();

        var exitCode = await run.RunAsync("--target=Warns", "--verbosity=quiet");

        Assert.Equal(0, exitCode);
        var lines = console.Lines.Where(l => l.Length > 0).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("a stock file was replaced", lines[0]);
        Assert.Matches(@"^Target Warns succeeded in \d\d:\d\d\.$", lines[1]);
    }

    [Fact]
    public async Task Quiet_verbosity_shows_only_the_block_on_failure()
    {
        var run = new HostRun();
        using var console = new ConsoleCapture();

        await run.RunAsync("--target=BrokenInput", "--verbosity=quiet");

        Assert.Equal(
            [
                "Build failed in task BrokenInput:",
                "  grub/menu.conf:3: field 'timeout' is 'soon', not a number of seconds; write e.g. timeout=5.",
                "No log file was written.",
            ],
            console.Lines.Where(l => l.Length > 0)
        );
    }

    [Fact]
    public async Task Dry_run_prints_its_plan_at_quiet_verbosity()
    {
        var run = new HostRun();
        using var console = new ConsoleCapture();

        var exitCode = await run.RunAsync("--target=AfterSkipped", "--dryrun", "--verbosity=quiet");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            [
                " 1. A                  would run",
                " 2. SkippedB           skipped: --kernel=debian: nothing to compile",
                " 3. AfterSkipped       would run",
            ],
            console.Lines
        );
    }
}
