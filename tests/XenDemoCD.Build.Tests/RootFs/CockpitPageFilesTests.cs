using System.Text.Json;
using System.Text.RegularExpressions;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// The "Xen domains" Cockpit package in rootpatch, read as Cockpit reads it: a manifest whose
/// menu entry is the page, an index.html that loads only files the package has (Cockpit serves
/// nothing else) and nothing inline (its content security policy runs no inline script), and
/// root allowed to log in. The web boot case drives the page itself in Chromium.
/// </summary>
public sealed partial class CockpitPageFilesTests
{
    private static readonly string Package = RepositoryRoot.Combine(
        "rootpatch/usr/share/cockpit/xen"
    );

    [Fact]
    public void The_manifest_puts_Xen_domains_in_the_menu_as_the_packages_index_page()
    {
        using var manifest = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Package, "manifest.json"))
        );

        var index = manifest.RootElement.GetProperty("menu").GetProperty("index");
        Assert.Equal("Xen domains", index.GetProperty("label").GetString());
        Assert.False(index.TryGetProperty("path", out _), "the index entry must map to index.html");
    }

    [Fact]
    public void The_page_loads_cockpits_api_and_only_files_the_package_has()
    {
        var html = File.ReadAllText(Path.Combine(Package, "index.html"));
        var loaded = Reference().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("../base1/cockpit.js", loaded);
        foreach (var file in loaded.Where(f => !f.StartsWith("../", StringComparison.Ordinal)))
        {
            Assert.True(
                File.Exists(Path.Combine(Package, file)),
                $"index.html loads {file}, which the package lacks"
            );
        }
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain(" onclick=", html);
    }

    [Fact]
    public void Root_is_allowed_to_log_in_to_the_web_console()
    {
        var disallowed = RepositoryRoot.Combine("rootpatch/etc/cockpit/disallowed-users");

        Assert.Equal(0, new FileInfo(disallowed).Length);
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex Reference();

    [GeneratedRegex("<script>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
