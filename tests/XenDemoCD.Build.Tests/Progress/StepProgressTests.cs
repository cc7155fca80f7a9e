using Serilog;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Progress;

public sealed class StepProgressTests
{
    private static (StepProgress Progress, CollectingSink Sink, ManualClock Clock) Create(
        ProgressUnit unit
    )
    {
        var sink = new CollectingSink();
        var clock = new ManualClock();
        var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        return (new StepProgress("Download linux-source-6.1", unit, logger, clock), sink, clock);
    }

    [Fact]
    public void Without_a_terminal_a_flood_of_reports_logs_at_most_one_line_per_interval()
    {
        var (progress, sink, clock) = Create(ProgressUnit.Bytes);

        // 20,000 reports over 1,000 seconds: one every 50 ms, as a fast download or compile makes them.
        for (var i = 1; i <= 20_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            progress.Report(i * 1000L, 20_000_000);
        }

        var interval = StepProgress.LogInterval.TotalSeconds;
        Assert.InRange(sink.Lines.Count, 1000 / interval - 1, 1000 / interval);
    }

    [Fact]
    public void A_step_shorter_than_the_interval_logs_nothing()
    {
        var (progress, sink, clock) = Create(ProgressUnit.Of("steps"));

        for (var i = 1; i <= 500; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            progress.Report(i, 500);
        }

        Assert.Empty(sink.Lines);
    }

    [Fact]
    public void A_logged_line_tells_percent_megabytes_of_total_rate_and_elapsed_time()
    {
        var (progress, sink, clock) = Create(ProgressUnit.Bytes);

        clock.Advance(StepProgress.LogInterval);
        progress.Report(52_300_000, 139_331_676);

        Assert.Equal(
            "Download linux-source-6.1:  37% 52.3 of 139.3 MB, 5.2 MB/s, 0:10",
            Assert.Single(sink.Lines)
        );
    }

    [Fact]
    public void On_a_terminal_the_live_line_is_erased_for_a_log_line_and_drawn_again_below_it()
    {
        using var terminal = new StringWriter();
        var live = new LiveLine(terminal, () => 80);

        live.Show("Unpacking:  40%");
        live.WriteAround(() => terminal.Write("[INF] a log line\n"));

        const string erase = "\r\u001b[2K";
        Assert.Equal(
            $"{erase}Unpacking:  40%{erase}[INF] a log line\n{erase}Unpacking:  40%",
            terminal.ToString()
        );
    }
}
