using System.Globalization;
using System.Text.RegularExpressions;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// One compile host of a distcc farm: a name or address, distccd's TCP port and how many
/// compiles it takes at once (distcc's <c>HOST[:PORT][/LIMIT]</c>).
/// </summary>
public sealed partial record DistccHost(string Address, int Port, int Slots)
{
    public const int DefaultPort = 3632;

    /// <summary>distcc's own default when a host names no limit.</summary>
    public const int DefaultSlots = 4;

    /// <summary>The host as distcc's <c>DISTCC_HOSTS</c> writes it.</summary>
    public string HostsEntry => $"{Name}/{Slots}";

    /// <summary>The host as logs and distcc's own log name it: the port only when not the default.</summary>
    public string Name => Port == DefaultPort ? Address : $"{Address}:{Port}";

    /// <summary>
    /// The hosts of <c>--distcc</c> (comma-separated) or, without it, of <c>$DISTCC_HOSTS</c>
    /// (space-separated, as distcc reads it). <c>--distcc=none</c> turns a set variable off.
    /// Entries distcc treats as this machine (<c>localhost</c>) are dropped: local compiles are
    /// sized by <c>--jobs</c>.
    /// </summary>
    public static IReadOnlyList<DistccHost> ParseHosts(string? option, string? environment)
    {
        if (option is not null)
        {
            return option.Trim() == "none" ? [] : ParseList(option, ',', "--distcc");
        }
        return string.IsNullOrWhiteSpace(environment)
            ? []
            : ParseList(environment, ' ', EnvironmentOrigin);
    }

    private static IReadOnlyList<DistccHost> ParseList(string text, char separator, string origin)
    {
        var hosts = new List<DistccHost>();
        foreach (
            var entry in text.Split(
                [separator, '\t', '\n'],
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
        )
        {
            if (Parse(entry, origin) is { } host)
            {
                if (
                    hosts.Any(h =>
                        string.Equals(h.Address, host.Address, StringComparison.OrdinalIgnoreCase)
                        && h.Port == host.Port
                    )
                )
                {
                    throw new CommandLineException(
                        $"{origin}: host '{host.Name}' is named twice; name each compile host once, with its slot count (HOST/LIMIT)."
                    );
                }
                hosts.Add(host);
            }
        }
        if (hosts.Count == 0 && origin == "--distcc")
        {
            throw new CommandLineException(
                $"--distcc='{text}' names no compile host; give HOST[:PORT][/LIMIT],… (e.g. --distcc=build1/8,build2/8), or --distcc=none."
            );
        }
        return hosts;
    }

    private static DistccHost? Parse(string entry, string origin)
    {
        try
        {
            return ParseEntry(entry, origin);
        }
        catch (CommandLineException e) when (origin == EnvironmentOrigin)
        {
            // The variable may be set for other distcc uses than this build's.
            throw new CommandLineException(
                e.Message
                    + " Or pass --distcc=none to build without distcc, whatever $DISTCC_HOSTS says."
            );
        }
    }

    private const string EnvironmentOrigin = "$DISTCC_HOSTS";

    private static DistccHost? ParseEntry(string entry, string origin)
    {
        // In --distcc's comma list, distcc's ",cpp" and ",lzo" host flags come out as entries.
        if (entry == "lzo")
        {
            return null;
        }
        if (
            entry.StartsWith('@')
            || entry == "cpp"
            || entry.Contains(",cpp", StringComparison.Ordinal)
        )
        {
            throw new CommandLineException(
                $"{origin}: '{entry}' asks for {(entry.StartsWith('@') ? "distcc over ssh" : "pump mode (,cpp)")}, which this build does not use: it sends preprocessed files over TCP to distccd (plain mode), so give the host as HOST[:PORT][/LIMIT]."
            );
        }
        if (entry.StartsWith('-') || entry.StartsWith('+'))
        {
            throw new CommandLineException(
                $"{origin}: '{entry}' is a distcc option, not a host; the build orders and sizes the hosts itself, so give only HOST[:PORT][/LIMIT] entries."
            );
        }
        // distcc's compression option is fine either way: plain TCP hosts take it or not.
        var bare = entry.EndsWith(",lzo", StringComparison.Ordinal) ? entry[..^4] : entry;
        var match = HostPattern().Match(bare);
        if (!match.Success)
        {
            throw new CommandLineException(
                $"{origin}: '{entry}' is not a compile host; expected HOST[:PORT][/LIMIT], a name or IPv4 address with distccd's port (default {DefaultPort}) and the number of compiles it takes at once, e.g. build1/8 or 10.0.0.5:3633/4."
            );
        }
        var address = match.Groups["address"].Value;
        if (address is "localhost" or "127.0.0.1")
        {
            return null;
        }
        var port = match.Groups["port"].Success
            ? Number(match.Groups["port"].Value, 1, 65535, entry, origin, "port")
            : DefaultPort;
        var slots = match.Groups["slots"].Success
            ? Number(match.Groups["slots"].Value, 1, 256, entry, origin, "limit")
            : DefaultSlots;
        return new DistccHost(address, port, slots);
    }

    private static int Number(
        string text,
        int min,
        int max,
        string entry,
        string origin,
        string what
    ) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value >= min
        && value <= max
            ? value
            : throw new CommandLineException(
                $"{origin}: '{entry}' has {what} {text}; expected a whole number from {min} to {max}."
            );

    [GeneratedRegex(
        @"^(?<address>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(?<port>\d+))?(?:/(?<slots>\d+))?$"
    )]
    private static partial Regex HostPattern();
}
