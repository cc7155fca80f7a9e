using Serilog;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// One compile (Xen's or Linux's) through a <see cref="CompileFarm"/>: its <c>-j</c>, the
/// environment that sends its files to the hosts, and the tally of where they went, kept in the
/// stage's work directory. With no hosts it changes nothing: a local compile.
/// </summary>
public sealed class FarmCompile
{
    private readonly CompileFarm farm;
    private readonly int localJobs;
    private readonly string stateDirectory;
    private readonly bool macrosOnHost;

    /// <param name="macrosOnHost">compiles go with <c>-fdirectives-only</c>: Xen's, which need it
    /// (see <see cref="CompileFarm.AddTo"/>), not Linux's</param>
    public FarmCompile(CompileFarm farm, int localJobs, string stateDirectory, bool macrosOnHost)
    {
        (this.farm, this.localJobs, this.stateDirectory, this.macrosOnHost) = (
            farm,
            localJobs,
            stateDirectory,
            macrosOnHost
        );
        if (farm.Hosts.Count > 0)
        {
            // A fresh log per compile: the tally counts this compile's files only.
            Directory.CreateDirectory(stateDirectory);
            File.Delete(CompileFarm.LogOf(stateDirectory));
            Tally = new DistccTally(CompileFarm.LogOf(stateDirectory));
        }
    }

    public int Jobs => farm.Jobs(localJobs);

    /// <summary>Where the files went; null for a local compile.</summary>
    public DistccTally? Tally { get; }

    public Dictionary<string, string?> AddTo(Dictionary<string, string?> environment)
    {
        farm.AddTo(environment, localJobs, stateDirectory, macrosOnHost);
        return environment;
    }

    /// <summary>Logs where the compile's files ran (ccache hits never reach distcc, so they are not counted).</summary>
    public void LogTally(string what)
    {
        if (Tally is null)
        {
            return;
        }
        Tally.Refresh(now: true);
        Log.Information(
            "{What}: distcc compiled {OnHosts} files on the hosts and {Here} here: {Tally:l}",
            what,
            Tally.OnHosts,
            Tally.Here,
            Tally.Summary()
        );
        if (Tally.Fallbacks > 0)
        {
            Log.Warning(
                "{What}: {Fallbacks} files could not be sent to their host and compiled here instead (see {Log:l})",
                what,
                Tally.Fallbacks,
                CompileFarm.LogOf(stateDirectory)
            );
        }
    }
}
