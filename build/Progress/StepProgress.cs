using System.Globalization;
using System.Text;
using Serilog;

namespace XenDemoCD.Build.Progress;

/// <summary>
/// The progress of one long step (a download, an unpack, a compile, writing the ISO, a boot):
/// live on an interactive terminal (a few redraws a second), and as a log line at most every
/// <see cref="LogInterval"/>, which is all a redirected console (CI) and the log file get: a
/// pulse, never a flood. Thread-safe: tools report from their output and error pipes at once.
/// </summary>
public sealed class StepProgress : IStepProgress, IDisposable
{
    /// <summary>The property that marks progress events: the live console leaves them to its line.</summary>
    public const string EventProperty = "Progress";

    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);
    private const int BarWidth = 20;

    private readonly string what;
    private readonly ProgressUnit unit;
    private readonly ILogger log;
    private readonly TimeProvider clock;
    private readonly LiveLine? live;
    private readonly long started;
    private readonly Lock gate = new();
    private ITimer? heartbeat;
    private long lastLogged;
    private long lastDrawn;
    private bool everDrawn;
    private bool disposed;
    private (long? Done, long? Total, string? Detail)? last;

    public StepProgress(
        string what,
        ProgressUnit unit,
        ILogger? log = null,
        TimeProvider? clock = null,
        LiveLine? live = null
    )
    {
        this.what = what;
        this.unit = unit;
        this.clock = clock ?? TimeProvider.System;
        this.live = live ?? (log is null ? LiveLine.Current : null);
        this.log = (log ?? Log.Logger).ForContext(EventProperty, true);
        started = this.clock.GetTimestamp();
        lastLogged = started;
    }

    public TimeSpan Elapsed => clock.GetElapsedTime(started);

    public void Report(long done, long? total, string? detail = null) => Show(done, total, detail);

    public void Report(string detail) => Show(null, null, detail);

    public void Dispose()
    {
        lock (gate)
        {
            heartbeat?.Dispose();
            // A heartbeat already under way must not draw the line again after this.
            disposed = true;
            live?.Clear();
        }
    }

    private void Repeat()
    {
        lock (gate)
        {
            if (last is { } shown)
            {
                Show(shown.Done, shown.Total, shown.Detail);
            }
        }
    }

    private void Show(long? done, long? total, string? detail)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            last = (done, total, detail);
            // A tool can be silent for minutes (mmdebstrap installing packages): the live
            // line's clock keeps moving, so the build does not look hung.
            heartbeat ??= live is null
                ? null
                : clock.CreateTimer(
                    _ => Repeat(),
                    null,
                    TimeSpan.FromSeconds(1),
                    TimeSpan.FromSeconds(1)
                );
            var now = clock.GetTimestamp();
            var redraw =
                live is not null
                && (!everDrawn || clock.GetElapsedTime(lastDrawn, now) >= RedrawInterval);
            var logDue = clock.GetElapsedTime(lastLogged, now) >= LogInterval;
            if (!redraw && !logDue)
            {
                return;
            }
            var elapsed = clock.GetElapsedTime(started, now);
            if (redraw)
            {
                live!.Show(Describe(done, total, detail, elapsed, withBar: true));
                lastDrawn = now;
                everDrawn = true;
            }
            if (logDue)
            {
                lastLogged = now;
                log.ForContext("Done", done)
                    .ForContext("Total", total)
                    .Information(
                        "{What}: {Progress:l}",
                        what,
                        Describe(done, total, detail, elapsed, withBar: false)
                    );
            }
        }
    }

    private string Describe(long? done, long? total, string? detail, TimeSpan elapsed, bool withBar)
    {
        var text = new StringBuilder();
        if (withBar)
        {
            text.Append(what).Append(": ");
        }
        if (done is { } d)
        {
            if (total is > 0 and var t)
            {
                var fraction = Math.Clamp((double)d / t, 0, 1);
                text.Append(CultureInfo.InvariantCulture, $"{(int)(fraction * 100), 3}% ");
                if (withBar)
                {
                    var filled = (int)Math.Round(fraction * BarWidth);
                    text.Append('[')
                        .Append('#', filled)
                        .Append('.', BarWidth - filled)
                        .Append("] ");
                }
            }
            text.Append(unit.Amount(d, total));
            if (unit.Rate(d, elapsed) is { } rate)
            {
                text.Append(", ").Append(rate);
            }
            text.Append(", ");
        }
        text.Append(Clock(elapsed));
        if (!string.IsNullOrWhiteSpace(detail))
        {
            text.Append("  ").Append(detail);
        }
        return text.ToString();
    }

    private static string Clock(TimeSpan elapsed) =>
        elapsed.ToString(
            elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss",
            CultureInfo.InvariantCulture
        );
}
