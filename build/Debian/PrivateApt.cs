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
            HostAptSources.DeriveSourceStanza(HostAptSources.Read(), suite, component)
            ?? throw new InputFileException(
                pinFile,
                $"the host's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/) serve no '{suite}' suite with component '{component}' to derive a deb-src entry from",
                $"add a '{suite}' entry to the host's apt sources, or pin a suite it has"
            );
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
        File.WriteAllText(
            Path.Combine(directory, "sources.list.d", "xendemocd-src.sources"),
            stanza
        );
        return apt;
    }
}
