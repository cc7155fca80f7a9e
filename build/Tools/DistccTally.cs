using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// Where a compile's files were compiled, counted from distcc's own log
/// (<c>compile fs/open.c on 10.0.0.5/4 completed ok</c>): per host, here, and how often a host
/// failed and the file was compiled here instead. Read incrementally, so the progress line can
/// show it live.
/// </summary>
[OutputNeutral("counts where compiles ran, for the log and the progress line")]
public sealed partial class DistccTally(string logFile)
{
    private const string ThisMachine = "localhost";
    private readonly Dictionary<string, int> compiles = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long offset;
    private string partial = "";
    private DateTime lastRead = DateTime.MinValue;

    /// <summary>Times a host failed to take a file that then compiled here.</summary>
    public int Fallbacks { get; private set; }

    public int OnHosts => compiles.Where(c => c.Key != ThisMachine).Sum(c => c.Value);

    public int Here => compiles.GetValueOrDefault(ThisMachine);

    /// <summary>Compiles a host ran, by the host's name (<see cref="DistccHost.Name"/>).</summary>
    public int On(string host) => compiles.GetValueOrDefault(host);

    /// <summary>Reads what distcc logged since the last call (at most once a second unless <paramref name="now"/>).</summary>
    public void Refresh(bool now = false)
    {
        lock (gate)
        {
            if (!now && DateTime.UtcNow - lastRead < TimeSpan.FromSeconds(1))
            {
                return;
            }
            lastRead = DateTime.UtcNow;
            if (!File.Exists(logFile))
            {
                return;
            }
            using var stream = new FileStream(
                logFile,
                FileMode.Open,
                FileAccess.Read,
                FileShare.ReadWrite | FileShare.Delete
            );
            stream.Seek(offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = partial + reader.ReadToEnd();
            offset = stream.Position;
            var lines = text.Split('\n');
            // The last piece is a line distcc has not finished writing yet.
            partial = lines[^1];
            foreach (var line in lines[..^1])
            {
                Count(line);
            }
        }
    }

    private void Count(string line)
    {
        if (Completed().Match(line) is { Success: true } done)
        {
            var host = done.Groups["host"].Value;
            compiles[host] = compiles.GetValueOrDefault(host) + 1;
        }
        else if (line.Contains("failed to distribute", StringComparison.Ordinal))
        {
            Fallbacks++;
        }
    }

    /// <summary>"10.0.0.5 412, 10.0.0.6 398, here 50 (3 after a host failed)".</summary>
    public string Summary()
    {
        lock (gate)
        {
            var parts = compiles
                .Where(c => c.Key != ThisMachine)
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}"))
                .Append(string.Create(CultureInfo.InvariantCulture, $"here {Here}"));
            var summary = string.Join(", ", parts);
            return Fallbacks > 0
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"{summary} ({Fallbacks} after a host failed)"
                )
                : summary;
        }
    }

    // distcc names the host as DISTCC_HOSTS does, with its limit: "10.0.0.5/4", "localhost/2".
    [GeneratedRegex(@"\] compile \S+ on (?<host>[^\s/]+)(?:/\d+)? completed ok")]
    private static partial Regex Completed();
}
