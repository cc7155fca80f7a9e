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

public sealed class AptSourceRetargetTests
{
    private static readonly IReadOnlyList<AptSourceEntry> BookwormHost =
    [
        new(
            ["http://archive.invalid/debian"],
            ["bookworm", "bookworm-updates"],
            ["main"],
            "/k.gpg"
        ),
        new(["http://security.invalid/debian-security"], ["bookworm-security"], ["main"], null),
        new(["https://vendor.invalid/apt"], ["cloud-sdk-bookworm"], ["main"], null),
        new(["https://vendor.invalid/node"], ["nodistro"], ["main"], null),
    ];

    [Fact]
    public void A_release_the_host_does_not_list_is_reached_through_the_host_releases_mirrors()
    {
        var entries = HostAptSources.Retarget(BookwormHost, "trixie", "bookworm");

        Assert.Equal(
            "Types: deb\nURIs: http://archive.invalid/debian\nSuites: trixie trixie-updates\nComponents: main\nSigned-By: /k.gpg\n\n"
                + "Types: deb\nURIs: http://security.invalid/debian-security\nSuites: trixie-security\nComponents: main\n",
            HostAptSources.DeriveBinaryStanzas(entries, "trixie")
        );
    }

    [Fact]
    public void Third_party_entries_are_not_retargeted()
    {
        var entries = HostAptSources.Retarget(BookwormHost, "trixie-security", "bookworm");

        Assert.DoesNotContain(entries, e => e.Uris[0].Contains("vendor", StringComparison.Ordinal));
    }

    [Fact]
    public void A_source_stanza_for_another_release_comes_from_the_host_releases_mirror()
    {
        var stanza = HostAptSources.DeriveSourceStanza(
            HostAptSources.Retarget(BookwormHost, "trixie", "bookworm"),
            "trixie",
            "main"
        );

        Assert.Equal(
            "Types: deb-src\nURIs: http://archive.invalid/debian\nSuites: trixie\nComponents: main\nSigned-By: /k.gpg\n",
            stanza
        );
    }

    [Fact]
    public void A_release_the_host_lists_is_taken_as_it_is()
    {
        Assert.Same(
            BookwormHost,
            HostAptSources.Retarget(BookwormHost, "bookworm-security", "bookworm")
        );
    }

    [Fact]
    public void Without_a_known_host_release_nothing_is_retargeted()
    {
        Assert.Same(BookwormHost, HostAptSources.Retarget(BookwormHost, "trixie", null));
    }

    [Fact]
    public void The_host_release_is_read_from_os_release()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(
            file,
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n"
        );
        try
        {
            Assert.Equal("bookworm", HostAptSources.HostCodename(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

public sealed class AptMadisonTests
{
    private const string Madison = """
        linux-source-6.12 | 6.12.118-1 | http://archive.invalid/debian-security trixie-security/main amd64 Packages
        linux-source-6.12 | 6.12.117-1 | http://archive.invalid/debian trixie/main amd64 Packages
        linux-source-6.12 | 6.12.117-1 | http://archive.invalid/debian-security trixie-security/main amd64 Packages
             linux | 6.12.117-1 | http://archive.invalid/debian trixie/main Sources
        """;

    [Fact]
    public void Offers_list_each_binary_version_with_its_suite_newest_first()
    {
        Assert.Equal(
            ["6.12.118-1 (trixie-security)", "6.12.117-1 (trixie)", "6.12.117-1 (trixie-security)"],
            AptMadison.Offers(Madison, "linux-source-6.12", "all")
        );
    }

    [Fact]
    public void Source_rows_and_other_architectures_are_not_offers()
    {
        Assert.Empty(AptMadison.Offers(Madison, "linux", "all"));
        Assert.Empty(AptMadison.Offers(Madison, "linux-source-6.12", "arm64"));
    }
}
