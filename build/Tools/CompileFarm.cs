using System.Net.Sockets;
using Serilog;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// The distcc hosts a run's compiles go to (<c>--distcc</c>), each checked before the first
/// compile: it answers, and it compiles with this machine's compiler. distcc checks neither: a
/// host that is down costs a timeout per compile, and one with another gcc gives objects that
/// differ from a local build. Through ccache (<c>CCACHE_PREFIX</c>): a cache hit never
/// leaves the machine, and the cache is the same one a local build fills and reads.
/// </summary>
public sealed class CompileFarm
{
    private const string LogFile = "distcc.log";

    /// <summary>Hosts already checked (<see cref="PrepareAsync"/> makes the farm of a run).</summary>
    internal CompileFarm(IReadOnlyList<DistccHost> hosts) => Hosts = hosts;

    public static CompileFarm None { get; } = new([]);

    /// <summary>The hosts that passed the checks; empty: every compile runs here.</summary>
    public IReadOnlyList<DistccHost> Hosts { get; }

    /// <summary><c>make -j</c>: this machine's jobs and every host's slots.</summary>
    public int Jobs(int localJobs) => localJobs + Hosts.Sum(h => h.Slots);

    /// <summary>
    /// Checks every host (in parallel: a dead one waits for its timeout) and keeps those that
    /// answer and compile; a host that does not is left out with a warning, as the build never
    /// depends on the farm. Throws when a host's compiler differs from this machine's.
    /// </summary>
    public static async Task<CompileFarm> PrepareAsync(
        IReadOnlyList<DistccHost> hosts,
        ToolRunner tools,
        string probeDirectory
    )
    {
        if (hosts.Count == 0)
        {
            return None;
        }
        CompilerIdentity.WriteProbe(probeDirectory);
        var local = await CompilerIdentity.OfThisMachineAsync(tools, probeDirectory);
        var checks = await Task.WhenAll(
            hosts.Select(host => CheckAsync(host, tools, probeDirectory, local))
        );
        var mismatched = checks.Where(c => c.Identity is not null && c.Identity != local).ToList();
        if (mismatched.Count > 0)
        {
            throw new CompileFarmRefusedException(
                string.Join(
                    "\n",
                    mismatched.Select(c =>
                        $"distcc host {c.Host.Name} compiles with '{c.Identity}', but this machine with '{local}'."
                    )
                )
                    + "\nObjects from another compiler differ from a local build's (and a build would no longer be reproducible): install the same gcc on the host (the same Debian release and version), or leave the host out of --distcc."
            );
        }
        var usable = checks.Where(c => c.Identity is not null).Select(c => c.Host).ToList();
        if (usable.Count == 0)
        {
            Log.Warning("No distcc host can take compiles; everything compiles on this machine");
        }
        else
        {
            Log.Information(
                "distcc: compiling on {Hosts:l} and here, with {Compiler:l}",
                string.Join(", ", usable.Select(h => h.HostsEntry)),
                local
            );
        }
        return new CompileFarm(usable);
    }

    private static async Task<(DistccHost Host, string? Identity)> CheckAsync(
        DistccHost host,
        ToolRunner tools,
        string probeDirectory,
        string local
    )
    {
        if (await AnswersAsync(host, tools.Cancellation) is { } problem)
        {
            Log.Warning(
                "distcc host {Host:l} does not answer on port {Port} ({Problem:l}); its share compiles on this machine",
                host.Address,
                host.Port,
                problem
            );
            return (host, null);
        }
        try
        {
            return (host, await CompilerIdentity.OfHostAsync(host, tools, probeDirectory));
        }
        catch (ToolFailedException e)
        {
            Log.Warning(
                "distcc host {Host:l} answers but did not compile a test file ({Reason:l}); its share compiles on this machine. Check that its distccd allows this machine (--allow) and has gcc",
                host.Name,
                DistccError(e.LastLines)
            );
            return (host, null);
        }
    }

    /// <summary>distcc's last error without its prefix: "server provided no answer. Is the server configured…".</summary>
    private static string DistccError(IReadOnlyList<string> lines)
    {
        var last =
            lines.LastOrDefault(l => l.Contains("ERROR: ", StringComparison.Ordinal))
            ?? lines.LastOrDefault()
            ?? "no output";
        var at = last.IndexOf("ERROR: ", StringComparison.Ordinal);
        return at < 0 ? last.Trim() : last[(at + "ERROR: ".Length)..].Trim();
    }

    /// <summary>Null when distccd's port takes a connection within a few seconds, else why not.</summary>
    private static async Task<string?> AnswersAsync(DistccHost host, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host.Address, host.Port, timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return "no answer within 5 s";
        }
        catch (SocketException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// What a compile's environment adds to send compiles to the farm: ccache runs distcc, distcc
    /// knows the hosts (this machine last, for its own jobs), and logs where each compile ran to
    /// <paramref name="stateDirectory"/> (see <see cref="DistccTally"/>).
    /// </summary>
    /// <param name="macrosOnHost">send compiles with <c>-fdirectives-only</c> (see
    /// <see cref="WriteCompileWrapper"/>); else plain distcc, fully preprocessed here</param>
    public void AddTo(
        Dictionary<string, string?> environment,
        int localJobs,
        string stateDirectory,
        bool macrosOnHost = true
    )
    {
        if (Hosts.Count == 0)
        {
            return;
        }
        environment["CCACHE_PREFIX"] = macrosOnHost
            ? WriteCompileWrapper(stateDirectory)
            : "distcc";
        environment["DISTCC_HOSTS"] = string.Join(
            ' ',
            [.. Hosts.Select(h => h.HostsEntry), $"localhost/{localJobs}"]
        );
        environment["DISTCC_DIR"] = stateDirectory;
        environment["DISTCC_LOG"] = LogOf(stateDirectory);
        // A host that fails mid-build: distcc compiles that file here and leaves the host alone
        // for a minute; the build goes on.
        environment["DISTCC_FALLBACK"] = "1";
    }

    /// <summary>
    /// What ccache runs instead of the compiler: distcc, with <c>-fdirectives-only</c> on every
    /// compile (<c>-c</c>, <c>-S</c>). In plain mode distcc sends gcc a fully preprocessed file,
    /// and gcc, no longer seeing which code came from a macro, warns where a local compile does
    /// not (Xen's <c>iommu_vcall</c>: "self-comparison always evaluates to true"), which -Werror
    /// makes a failure. With the flag the preprocessing here only resolves includes and
    /// conditionals, and macros expand on the host as they would here. Never with -E or -M:
    /// there the flag would change the preprocessor's output itself. Xen's objects come out the
    /// same, object by object; Linux's do not (a string constant's local label, .LC13 here and
    /// .LC14 from the host, reaches kallsyms and so vmlinuz), so Linux compiles in plain mode.
    /// </summary>
    private static string WriteCompileWrapper(string stateDirectory)
    {
        var wrapper = Path.Combine(stateDirectory, "distcc-compile");
        File.WriteAllText(
            wrapper,
            """
            #!/bin/sh
            for a in "$@"; do case "$a" in -E|-M|-MM) exec distcc "$@";; esac; done
            for a in "$@"; do case "$a" in -c|-S) exec distcc "$@" -fdirectives-only;; esac; done
            exec distcc "$@"

            """
        );
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        }
        return wrapper;
    }

    /// <summary>The log <see cref="AddTo"/> points distcc at.</summary>
    public static string LogOf(string stateDirectory) => Path.Combine(stateDirectory, LogFile);
}
