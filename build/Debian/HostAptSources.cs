namespace XenDemoCD.Build.Debian;

/// <summary>
/// Reads the host's own apt sources (deb822 <c>*.sources</c> files and one-line
/// <c>sources.list</c> files) so that a <c>deb-src</c> stanza can be derived from them at run
/// time: the repository never names an archive host itself.
/// </summary>
public static class HostAptSources
{
    public static IReadOnlyList<AptSourceEntry> Read(string etcApt = "/etc/apt")
    {
        var entries = new List<AptSourceEntry>();
        var list = Path.Combine(etcApt, "sources.list");
        if (File.Exists(list))
        {
            entries.AddRange(ParseOneLine(File.ReadAllText(list)));
        }
        var parts = Path.Combine(etcApt, "sources.list.d");
        if (Directory.Exists(parts))
        {
            foreach (var file in Directory.GetFiles(parts).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".sources", StringComparison.Ordinal))
                {
                    entries.AddRange(ParseDeb822(File.ReadAllText(file)));
                }
                else if (file.EndsWith(".list", StringComparison.Ordinal))
                {
                    entries.AddRange(ParseOneLine(File.ReadAllText(file)));
                }
            }
        }
        return entries;
    }

    /// <summary>
    /// The host's entries, retargeted at <paramref name="suite"/>'s release when the host itself
    /// does not list it (a bookworm host building a trixie CD): see <see cref="Retarget"/>.
    /// </summary>
    public static IReadOnlyList<AptSourceEntry> ReadFor(string suite, string etcApt = "/etc/apt") =>
        Retarget(Read(etcApt), suite, HostCodename());

    /// <summary>
    /// When no entry serves <paramref name="suite"/>'s release (its codename and the
    /// <c>-updates</c>/<c>-security</c> suites beside it), the entries of the host's own release
    /// <paramref name="hostCodename"/> are copied with that codename replaced: the same mirror
    /// and key serve every Debian release, so the target is reached without naming an archive
    /// or touching the host's apt setup. Third-party entries (other suite names) are left out.
    /// </summary>
    public static IReadOnlyList<AptSourceEntry> Retarget(
        IReadOnlyList<AptSourceEntry> entries,
        string suite,
        string? hostCodename
    )
    {
        var release = ReleaseOf(suite);
        if (
            hostCodename is null
            || release == hostCodename
            || entries.Any(e => e.Suites.Any(s => ReleaseOf(s) == release))
        )
        {
            return entries;
        }
        return entries
            .Select(e =>
                e with
                {
                    Suites = e
                        .Suites.Where(s => ReleaseOf(s) == hostCodename)
                        .Select(s => release + s[hostCodename.Length..])
                        .ToList(),
                }
            )
            .Where(e => e.Suites.Count > 0)
            .ToList();
    }

    /// <summary>The release a suite belongs to: "trixie" for "trixie", "trixie-security", "trixie-updates".</summary>
    public static string ReleaseOf(string suite)
    {
        var dash = suite.IndexOf('-');
        return dash < 0 ? suite : suite[..dash];
    }

    /// <summary>The host's release codename (VERSION_CODENAME in /etc/os-release), or null.</summary>
    public static string? HostCodename(string osRelease = "/etc/os-release")
    {
        if (!File.Exists(osRelease))
        {
            return null;
        }
        foreach (var line in File.ReadLines(osRelease))
        {
            if (line.StartsWith("VERSION_CODENAME=", StringComparison.Ordinal))
            {
                var value = line["VERSION_CODENAME=".Length..].Trim().Trim('"');
                return value.Length > 0 ? value : null;
            }
        }
        return null;
    }

    /// <summary>The binary-package entries in deb822 stanzas (<c>Types: deb</c>, not disabled).</summary>
    public static IEnumerable<AptSourceEntry> ParseDeb822(string text)
    {
        foreach (
            var stanza in text.Replace("\r", "")
                .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
        )
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? last = null;
            foreach (var line in stanza.Split('\n'))
            {
                if (line.StartsWith('#') || line.Length == 0)
                {
                    continue;
                }
                if ((line.StartsWith(' ') || line.StartsWith('\t')) && last is not null)
                {
                    fields[last] += " " + line.Trim();
                    continue;
                }
                var colon = line.IndexOf(':');
                if (colon > 0)
                {
                    last = line[..colon].Trim();
                    fields[last] = line[(colon + 1)..].Trim();
                }
            }
            if (
                !Words(fields, "Types").Contains("deb")
                || fields
                    .GetValueOrDefault("Enabled", "yes")
                    .Equals("no", StringComparison.OrdinalIgnoreCase)
            )
            {
                continue;
            }
            yield return new AptSourceEntry(
                Words(fields, "URIs"),
                Words(fields, "Suites"),
                Words(fields, "Components"),
                fields.GetValueOrDefault("Signed-By")
            );
        }
    }

    /// <summary>The <c>deb [options] uri suite components…</c> lines of a sources.list.</summary>
    public static IEnumerable<AptSourceEntry> ParseOneLine(string text)
    {
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (!line.StartsWith("deb ", StringComparison.Ordinal))
            {
                continue;
            }
            var rest = line[4..].Trim();
            string? signedBy = null;
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']');
                if (close < 0)
                {
                    continue;
                }
                foreach (
                    var option in rest[1..close].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                )
                {
                    if (option.StartsWith("signed-by=", StringComparison.Ordinal))
                    {
                        signedBy = option["signed-by=".Length..];
                    }
                }
                rest = rest[(close + 1)..].Trim();
            }
            var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 3)
            {
                yield return new AptSourceEntry([words[0]], [words[1]], words[2..], signedBy);
            }
        }
    }

    /// <summary>
    /// A <c>deb-src</c> stanza for <paramref name="suite"/>/<paramref name="component"/>, from the
    /// first host entry that serves that suite, or null when none does.
    /// </summary>
    public static string? DeriveSourceStanza(
        IEnumerable<AptSourceEntry> entries,
        string suite,
        string component
    )
    {
        var entry = entries.FirstOrDefault(e =>
            e.Suites.Contains(suite) && e.Components.Contains(component)
        );
        if (entry is null)
        {
            return null;
        }
        var stanza =
            $"Types: deb-src\nURIs: {string.Join(' ', entry.Uris)}\nSuites: {suite}\nComponents: {component}\n";
        return entry.SignedBy is null ? stanza : stanza + $"Signed-By: {entry.SignedBy}\n";
    }

    /// <summary>
    /// <c>deb</c> stanzas for a suite and its updates/security suites (<c>bookworm</c>,
    /// <c>bookworm-updates</c>, <c>bookworm-security</c>), from the host entries that serve them.
    /// </summary>
    public static string DeriveBinaryStanzas(IEnumerable<AptSourceEntry> entries, string suite)
    {
        var stanzas = new List<string>();
        foreach (var entry in entries)
        {
            var suites = entry.Suites.Where(s => ReleaseOf(s) == ReleaseOf(suite)).ToList();
            if (suites.Count == 0)
            {
                continue;
            }
            var stanza =
                $"Types: deb\nURIs: {string.Join(' ', entry.Uris)}\nSuites: {string.Join(' ', suites)}\nComponents: {string.Join(' ', entry.Components)}\n";
            stanzas.Add(
                entry.SignedBy is null ? stanza : stanza + $"Signed-By: {entry.SignedBy}\n"
            );
        }
        return string.Join("\n", stanzas);
    }

    private static IReadOnlyList<string> Words(Dictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value)
            ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
}
