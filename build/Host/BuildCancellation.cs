using System.Runtime.InteropServices;
using Serilog;

namespace XenDemoCD.Build.Host;

/// <summary>
/// Ctrl+C (or SIGTERM) first asks running tools to stop (SIGINT, so make cleans up its
/// half-written targets); a second Ctrl+C, or the grace period running out, kills them.
/// </summary>
public sealed class BuildCancellation : IDisposable
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(15);
    private readonly CancellationTokenSource graceful = new();
    private readonly CancellationTokenSource forceful = new();
    private readonly List<PosixSignalRegistration> registrations = [];

    /// <summary>Cancelled on the first interrupt: tools get SIGINT.</summary>
    public CancellationToken Graceful => graceful.Token;

    /// <summary>Cancelled on a second interrupt or after the grace period: tools are killed.</summary>
    public CancellationToken Forceful => forceful.Token;

    public static BuildCancellation ForConsole()
    {
        var cancellation = new BuildCancellation();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            cancellation.registrations.Add(
                PosixSignalRegistration.Create(
                    signal,
                    context =>
                    {
                        context.Cancel = true;
                        cancellation.Interrupt(context.Signal.ToString());
                    }
                )
            );
        }
        return cancellation;
    }

    public void Interrupt(string why)
    {
        if (graceful.IsCancellationRequested)
        {
            Log.Warning("{Signal} again: killing the running tools", why);
            forceful.Cancel();
            return;
        }
        Log.Warning("{Signal}: stopping the running tools (again to kill them at once)", why);
        graceful.Cancel();
        forceful.CancelAfter(GracePeriod);
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
        graceful.Dispose();
        forceful.Dispose();
    }
}
