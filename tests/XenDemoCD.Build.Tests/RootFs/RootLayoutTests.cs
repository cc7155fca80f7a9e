using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

public sealed class RootLayoutTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private UsrLayoutRules Rules(string text) =>
        UsrLayoutRules.Load(temp.Write("layout.conf", text));

    private static RootTree Debianish()
    {
        var tree = SampleRoot.Create();
        tree.Set(RootNode.File("etc/ssh/moduli", SampleRoot.Bytes("big"), SampleRoot.Epoch));
        tree.Set(
            RootNode.File(
                "etc/ssh/ssh_host_ed25519_key",
                SampleRoot.Bytes("secret"),
                SampleRoot.Epoch
            )
        );
        tree.Set(
            RootNode.File("var/lib/dpkg/status-old", SampleRoot.Bytes("old"), SampleRoot.Epoch)
        );
        tree.Set(RootNode.File("boot/config-6.1", SampleRoot.Bytes("cfg"), SampleRoot.Epoch));
        tree.AddMissingParents(SampleRoot.Epoch);
        return tree;
    }

    private const string Standard =
        "root /bin /etc /var /dev /tmp /usr\nlink /boot usr/boot\ndrop /etc/ssh/ssh_host_* /var/lib/dpkg/*-old\nmove /etc/ssh/moduli\n";

    [Fact]
    public void Everything_under_usr_goes_to_the_cd_with_usr_as_its_top()
    {
        var (root, cd, _) = Rules(Standard).Apply(Debianish(), SampleRoot.Epoch);

        Assert.NotNull(cd["bin/su"]);
        Assert.Equal("bin/perl", cd["bin/a-perl-link"]!.LinkTarget);
        Assert.Null(root["usr/bin/su"]);
        Assert.Equal(NodeKind.Directory, root["usr"]!.Kind);
        Assert.NotNull(root["etc/shadow"]);
    }

    [Fact]
    public void Moved_files_are_served_from_usr_root_behind_a_symlink()
    {
        var (root, cd, report) = Rules(Standard).Apply(Debianish(), SampleRoot.Epoch);

        Assert.Equal("/usr/root/etc/ssh/moduli", root["etc/ssh/moduli"]!.LinkTarget);
        Assert.Equal("big", SampleRoot.Text(cd["root/etc/ssh/moduli"]!));
        Assert.Equal(["/etc/ssh/moduli"], report.Moved);
    }

    [Fact]
    public void Dropped_paths_are_gone_from_both_sides()
    {
        var (root, cd, report) = Rules(Standard).Apply(Debianish(), SampleRoot.Epoch);

        Assert.Null(root["etc/ssh/ssh_host_ed25519_key"]);
        Assert.Null(root["var/lib/dpkg/status-old"]);
        Assert.DoesNotContain(cd.Nodes, n => n.Path.Contains("ssh_host", StringComparison.Ordinal));
        Assert.Equal(2, report.Dropped);
    }

    [Fact]
    public void A_linked_directory_becomes_a_symlink_and_its_contents_move_to_the_cd()
    {
        var (root, cd, _) = Rules(Standard).Apply(Debianish(), SampleRoot.Epoch);

        Assert.Equal(NodeKind.Symlink, root["boot"]!.Kind);
        Assert.Equal("usr/boot", root["boot"]!.LinkTarget);
        Assert.Equal("cfg", SampleRoot.Text(cd["boot/config-6.1"]!));
    }

    [Fact]
    public void A_top_level_path_no_rule_names_is_an_error_naming_the_rules_file_and_the_fix()
    {
        var file = temp.Combine("layout.conf");

        var error = Assert.Throws<InputFileException>(() =>
            Rules("root /bin /etc /usr\n").Apply(Debianish(), SampleRoot.Epoch)
        );

        Assert.StartsWith(
            file + ": '/boot' is neither kept in the root nor on the CD",
            error.Message
        );
        Assert.Contains("add 'root /boot'", error.Message);
    }

    [Fact]
    public void An_unknown_rule_names_its_line()
    {
        var file = temp.Write("layout.conf", "root /etc\nkeep /var\n");

        var error = Assert.Throws<InputFileException>(() => UsrLayoutRules.Load(file));

        Assert.StartsWith($"{file}:2: VERB: 'keep' is not a layout rule", error.Message);
    }

    [Fact]
    public void A_move_rule_that_matches_nothing_names_its_line_and_the_optional_form()
    {
        var file = temp.Write(
            "layout.conf",
            Standard.Replace("move /etc/ssh/moduli", "move /etc/ssh/modulii")
        );

        var error = Assert.Throws<InputFileException>(() =>
            UsrLayoutRules.Load(file).Apply(Debianish(), SampleRoot.Epoch)
        );

        Assert.StartsWith(
            $"{file}:4: PATH: 'move /etc/ssh/modulii' matches nothing in the root",
            error.Message
        );
        Assert.Contains("'move?'", error.Message);
    }

    [Fact]
    public void Each_pattern_of_a_rule_must_match_not_just_one_of_them()
    {
        var error = Assert.Throws<InputFileException>(() =>
            Rules(Standard.Replace("/var/lib/dpkg/*-old", "/var/lib/dpkg/*-olde"))
                .Apply(Debianish(), SampleRoot.Epoch)
        );

        Assert.Contains("'drop /var/lib/dpkg/*-olde' matches nothing", error.Message);
    }

    [Fact]
    public void An_optional_rule_may_match_nothing()
    {
        var (root, _, report) = Rules(Standard + "drop? /var/log/*.log\nmove? /etc/absent\n")
            .Apply(Debianish(), SampleRoot.Epoch);

        Assert.NotNull(root["etc/ssh/moduli"]);
        Assert.Equal(["/etc/ssh/moduli"], report.Moved);
    }

    [Fact]
    public void A_root_already_laid_out_may_lack_what_the_rules_drop()
    {
        var tree = Debianish();
        tree.Remove("etc/ssh/ssh_host_ed25519_key");

        var (root, _, _) = Rules(Standard).Apply(tree, SampleRoot.Epoch, requireMatches: false);

        Assert.Null(root["etc/ssh/ssh_host_ed25519_key"]);
    }
}
