using System.Globalization;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Integration;

/// <summary>
/// A distcc compile host on this machine: Debian's <c>distccd</c> in a network namespace of its
/// own, reached over a veth pair with addresses of its own, as a build farm's host is reached
/// over the network. Torn down (daemon, namespace, link) on dispose. Needs root.
/// </summary>
public sealed class NamespacedCompileHost : IAsyncDisposable
{
    private readonly string space;
    private readonly string directory;
    private bool stopped;

    private readonly string tag;

    private NamespacedCompileHost(string tag, string address, string directory)
    {
        (this.tag, space, Address, this.directory) = (tag, $"xdcc{tag}", address, directory);
    }

    /// <summary>The host's address, as <c>--distcc</c> names it.</summary>
    public string Address { get; }

    private string LogFile => Path.Combine(directory, "distccd.log");

    /// <param name="index">1…99: this host's own /24 in the test's 10.x.0.0/16</param>
    /// <param name="compilerDirectory">a directory put first on distccd's PATH (another compiler)</param>
    public static async Task<NamespacedCompileHost> StartAsync(
        int index,
        string? compilerDirectory = null
    )
    {
        Assert.True(
            Environment.IsPrivilegedProcess,
            "The distcc integration tests make network namespaces and need root (CI runs as root)."
        );
        // One /16 per test process, so runs side by side do not share addresses or names.
        var net = 200 + (Environment.ProcessId % 50);
        var tag = string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.ProcessId % 100000}{index}"
        );
        var space = $"xdcc{tag}";
        var hostAddress = $"10.{net}.{index}.1";
        var address = $"10.{net}.{index}.2";
        // distccd drops root for its own user, which must reach its log: not under a 0700 test directory.
        var directory = Directory.CreateTempSubdirectory("xendemocd-distccd-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111);
        var host = new NamespacedCompileHost(tag, address, directory);
        try
        {
            await RunAsync("ip", "netns", "add", space);
            await RunAsync(
                "ip",
                "link",
                "add",
                $"xdh{tag}",
                "type",
                "veth",
                "peer",
                "name",
                $"xdn{tag}"
            );
            await RunAsync("ip", "link", "set", $"xdn{tag}", "netns", space);
            await RunAsync("ip", "addr", "add", $"{hostAddress}/24", "dev", $"xdh{tag}");
            await RunAsync("ip", "link", "set", $"xdh{tag}", "up");
            await RunAsync(
                "ip",
                "netns",
                "exec",
                space,
                "ip",
                "addr",
                "add",
                $"{address}/24",
                "dev",
                $"xdn{tag}"
            );
            await RunAsync("ip", "netns", "exec", space, "ip", "link", "set", $"xdn{tag}", "up");
            await RunAsync("ip", "netns", "exec", space, "ip", "link", "set", "lo", "up");
            var path = Environment.GetEnvironmentVariable("PATH");
            await RunAsync(
                new Dictionary<string, string>
                {
                    ["PATH"] = compilerDirectory is null ? path! : compilerDirectory + ":" + path,
                },
                "ip",
                "netns",
                "exec",
                space,
                "distccd",
                "--daemon",
                "--allow",
                $"{hostAddress}/32",
                "--listen",
                address,
                "--jobs",
                "2",
                "--log-file",
                host.LogFile,
                "--log-level",
                "info",
                "--pid-file",
                Path.Combine(directory, "distccd.pid")
            );
            await host.WaitUntilListeningAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Files this host compiled, from its own log (distccd's COMPILE_OK summaries).</summary>
    public int Compiled =>
        File.Exists(LogFile)
            ? File.ReadLines(LogFile)
                .Count(line => line.Contains(" COMPILE_OK ", StringComparison.Ordinal))
            : 0;

    /// <summary>Stops the daemon (its jobs too), as a host that goes down; the address stays, refusing connections.</summary>
    public async Task StopAsync()
    {
        var pidFile = Path.Combine(directory, "distccd.pid");
        if (stopped || !File.Exists(pidFile))
        {
            return;
        }
        stopped = true;
        var pid = File.ReadAllText(pidFile).Trim();
        // distccd's parent ends its preforked children, and their jobs, when it gets SIGTERM.
        await ProcessRun.RunAsync("kill", ["-TERM", pid], "/");
        for (var i = 0; i < 50 && Directory.Exists($"/proc/{pid}"); i++)
        {
            await Task.Delay(100);
        }
        if (Directory.Exists($"/proc/{pid}"))
        {
            await ProcessRun.RunAsync("kill", ["-KILL", pid], "/");
        }
        Assert.False(
            Directory.Exists($"/proc/{pid}") && !IsZombie(pid),
            $"distccd {pid} in {space} did not stop"
        );
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            // Deleting the namespace deletes its end of the veth pair, and so the pair; the
            // link is deleted by name too, for a setup that failed before moving its peer.
            await ProcessRun.RunAsync("ip", ["netns", "del", space], "/");
            await ProcessRun.RunAsync("ip", ["link", "del", $"xdh{tag}"], "/");
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // distccd may still be closing its log; the directory is in /tmp.
            }
        }
    }

    private static bool IsZombie(string pid) =>
        File.Exists($"/proc/{pid}/stat")
        && File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1].StartsWith('Z');

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 50; i++)
        {
            if (
                File.Exists(LogFile)
                && File.ReadAllText(LogFile).Contains("listening on", StringComparison.Ordinal)
            )
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail(
            $"distccd in {space} did not start listening:\n{(File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log)")}"
        );
    }

    private static Task RunAsync(string program, params string[] arguments) =>
        RunAsync(null, program, arguments);

    private static async Task RunAsync(
        IDictionary<string, string>? environment,
        string program,
        params string[] arguments
    )
    {
        var (exitCode, output) = await ProcessRun.RunAsync(program, arguments, "/", environment);
        Assert.True(
            exitCode == 0,
            $"{program} {string.Join(' ', arguments)} failed with exit code {exitCode}:\n{output}"
        );
    }
}
