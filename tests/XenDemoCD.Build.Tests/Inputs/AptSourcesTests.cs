using XenDemoCD.Build.Debian;

namespace XenDemoCD.Build.Tests.Inputs;

public sealed class AptSourcesTests
{
    // Hosts here are placeholders: the repository never names a real archive.
    private const string Deb822 = """
        Types: deb
        # a comment
        URIs: http://archive.invalid/debian
        Suites: bookworm bookworm-updates
        Components: main contrib
        Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

        Types: deb
        URIs: http://security.invalid/debian-security
        Suites: bookworm-security
        Components: main

        Types: deb
        Enabled: no
        URIs: http://disabled.invalid/debian
        Suites: trixie
        Components: main
        """;

    [Fact]
    public void A_deb_src_stanza_is_derived_from_the_host_entry_that_serves_the_suite()
    {
        var stanza = HostAptSources.DeriveSourceStanza(
            HostAptSources.ParseDeb822(Deb822),
            "bookworm",
            "main"
        );

        Assert.Equal(
            "Types: deb-src\nURIs: http://archive.invalid/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n",
            stanza
        );
    }

    [Fact]
    public void Disabled_entries_and_other_suites_are_not_used()
    {
        var entries = HostAptSources.ParseDeb822(Deb822).ToList();

        Assert.Null(HostAptSources.DeriveSourceStanza(entries, "trixie", "main"));
        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public void One_line_sources_with_options_are_understood()
    {
        var entries = HostAptSources
            .ParseOneLine(
                "# deb http://old.invalid/debian buster main\ndeb [arch=amd64 signed-by=/etc/apt/k.gpg] http://mirror.invalid/debian bookworm main non-free\ndeb-src http://mirror.invalid/debian bookworm main\n"
            )
            .ToList();

        var entry = Assert.Single(entries);
        Assert.Equal(["http://mirror.invalid/debian"], entry.Uris);
        Assert.Equal(["main", "non-free"], entry.Components);
        Assert.Equal("/etc/apt/k.gpg", entry.SignedBy);
    }
}
