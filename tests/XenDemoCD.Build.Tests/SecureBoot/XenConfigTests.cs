using System.Text.RegularExpressions;
using XenDemoCD.Build.Cd;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.SecureBoot;

/// <summary>grub/xen.cfg.in, Xen's configuration inside the signed xen.efi, and the menu entries that name its sections.</summary>
public sealed class XenConfigTests
{
    private static string Template => RepositoryRoot.Combine("grub", "xen.cfg.in");
    private static string Menu => RepositoryRoot.Combine("grub", "grub.cfg.in");
    private static string Values => RepositoryRoot.Combine("grub", "menu.json");

    private static string Rendered() =>
        GrubMenu.Render(
            Template,
            Values,
            new Dictionary<string, string> { ["XENDEMO_VERSION"] = "test" },
            everyValueUsed: false
        );

    [Fact]
    public void Xens_configuration_takes_the_menus_xen_and_dom0_arguments()
    {
        var config = Rendered();

        Assert.DoesNotContain("@", config.Replace("@XENDEMO", "", StringComparison.Ordinal));
        Assert.Contains("options=dom0_mem=", config);
        Assert.Contains("kernel=vmlinuz rdinit=/linuxrc xendemo.cd=XENDEMOCD", config);
        Assert.Contains("[global]\ndefault=xendemo\n", config);
    }

    [Fact]
    public void Every_section_a_secure_boot_entry_starts_through_the_launcher_is_in_xens_configuration()
    {
        var sections = Regex
            .Matches(Rendered(), @"^\[([a-z0-9-]+)\]$", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value)
            .ToHashSet();
        var started = Regex
            .Matches(
                File.ReadAllText(Menu),
                @"chainloader \(\$xendemo_esp\)/" + Regex.Escape(CdLayout.XenLauncher) + @" (\S+)"
            )
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.Equal(3, started.Count);
        Assert.All(started, name => Assert.Contains(name, sections));
    }

    [Fact]
    public void The_menu_shows_the_secure_boot_entries_only_under_lockdown_and_loads_no_module_there()
    {
        var menu = File.ReadAllText(Menu);
        var locked = menu[
            menu.IndexOf(
                "if [ \"$lockdown\" = \"y\" ]; then",
                StringComparison.Ordinal
            )..menu.IndexOf("\nelse\n", StringComparison.Ordinal)
        ];

        Assert.DoesNotContain("insmod", locked);
        Assert.DoesNotContain("multiboot2", locked);
        Assert.Equal(4, Regex.Matches(locked, "menuentry ").Count);
    }
}
