using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// An apt configuration of our own under the cache directory: its own source list (a deb-src
/// stanza derived from the host's sources), lists and archives. The host's apt setup is never
/// changed, and it works without root.
/// </summary>
public sealed class PrivateApt
{
    private PrivateApt(string directory) => Directory_ = directory;

    private string Directory_ { get; }

    public IReadOnlyList<string> Options =>
        [
            "-o",
            $"Dir::Etc::SourceList={Path.Combine(Directory_, "sources.list")}",
            "-o",
            $"Dir::Etc::SourceParts={Path.Combine(Directory_, "sources.list.d")}",
            "-o",
            $"Dir::State::Lists={Path.Combine(Directory_, "lists")}",
            "-o",
            $"Dir::Cache={Path.Combine(Directory_, "cache")}",
            "-o",
            $"Dir::Etc::PreferencesParts={Path.Combine(Directory_, "preferences.d")}",
            "-o",
            "Dir::Etc::Preferences=/dev/null",
            "-o",
            $"APT::Sandbox::User={Environment.UserName}",
            "-o",
            "Acquire::Retries=3",
            "-q",
        ];

    /// <summary>Writes the configuration for one suite/component's sources; throws when the host serves no such suite.</summary>
    public static PrivateApt ForSources(
        string directory,
        string suite,
        string component,
        string pinFile
    )
    {
        var stanza =
            HostAptSources.DeriveSourceStanza(HostAptSources.ReadFor(suite), suite, component)
            ?? throw new InputFileException(
                pinFile,
                $"the host's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/) serve no '{suite}' suite with component '{component}' to derive a deb-src entry from",
                $"add a '{suite}' entry to the host's apt sources, or pin a suite it has"
            );
        return Create(directory, "xendemocd-src.sources", stanza);
    }

    /// <summary>
    /// Writes the configuration for the binaries of <paramref name="suite"/>'s release (the suite,
    /// its -updates and -security), derived from the host's sources even when the host runs
    /// another release; throws when the host has no Debian entry to derive them from.
    /// </summary>
    public static PrivateApt ForBinaries(string directory, string suite, string pinFile)
    {
        var stanzas = HostAptSources.DeriveBinaryStanzas(HostAptSources.ReadFor(suite), suite);
        if (stanzas.Length == 0)
        {
            throw new InputFileException(
                pinFile,
                $"the host's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/) have no Debian entry to reach suite '{suite}' through",
                $"add a Debian entry to the host's apt sources, or pin a suite it has"
            );
        }
        return Create(directory, "xendemocd-bin.sources", stanzas);
    }

    private static PrivateApt Create(string directory, string fileName, string stanzas)
    {
        var apt = new PrivateApt(directory);
        foreach (
            var sub in new[]
            {
                "sources.list.d",
                "lists/partial",
                "cache/archives/partial",
                "preferences.d",
            }
        )
        {
            System.IO.Directory.CreateDirectory(Path.Combine(directory, sub));
        }
        File.WriteAllText(Path.Combine(directory, "sources.list"), "");
        foreach (var old in System.IO.Directory.GetFiles(Path.Combine(directory, "sources.list.d")))
        {
            File.Delete(old);
        }
        File.WriteAllText(Path.Combine(directory, "sources.list.d", fileName), stanzas);
        return apt;
    }
}
