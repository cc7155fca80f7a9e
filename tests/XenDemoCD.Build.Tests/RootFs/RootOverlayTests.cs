using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

public sealed class RootOverlayTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static readonly Dictionary<string, string> Substitutions = new()
    {
        ["XENDEMO_VERSION"] = "1.2",
        ["XENDEMO_BUILDER"] = "Ian",
    };

    [Fact]
    public void Rootpatch_files_win_over_stock_ones_and_the_replaced_ones_are_reported()
    {
        temp.Write("rootpatch/etc/hostname", "xendemo\n");
        temp.Write("rootpatch/etc/issue", "XenDemoCD @XENDEMO_VERSION@ by @XENDEMO_BUILDER@\n");
        var tree = SampleRoot.Create();

        var replaced = new RootOverlay(
            temp.Combine("rootpatch"),
            PermissionTable.Load(temp.Combine("none")),
            Substitutions
        ).ApplyTo(tree, SampleRoot.Epoch);

        Assert.Equal(["/etc/hostname"], replaced);
        Assert.Equal("xendemo\n", SampleRoot.Text(tree["etc/hostname"]!));
        Assert.Equal("XenDemoCD 1.2 by Ian\n", SampleRoot.Text(tree["etc/issue"]!));
        Assert.Equal((UnixFileMode)0b110_100_100, tree["etc/issue"]!.Mode);
    }

    [Fact]
    public void Owners_and_modes_come_from_the_table_and_stock_directories_keep_theirs()
    {
        temp.Write("rootpatch/etc/shadow", "root:x:1::::::\n");
        temp.Write("rootpatch/tmp/marker", "m");
        var table = PermissionTable.Load(
            temp.Write("rootpatch.permissions", "# PATH MODE UID GID\n/etc/shadow 0640 0 42\n")
        );
        var tree = SampleRoot.Create();

        new RootOverlay(temp.Combine("rootpatch"), table, Substitutions).ApplyTo(
            tree,
            SampleRoot.Epoch
        );

        Assert.Equal(
            ((UnixFileMode)0b110_100_000, 0, 42),
            (tree["etc/shadow"]!.Mode, tree["etc/shadow"]!.Uid, tree["etc/shadow"]!.Gid)
        );
        Assert.Equal((UnixFileMode)0b1_111_111_111, tree["tmp"]!.Mode);
    }

    [Fact]
    public void A_mode_that_is_not_octal_names_the_file_line_and_field()
    {
        var file = temp.Write(
            "rootpatch.permissions",
            "/etc/shadow 0640 0 42\n/etc/gshadow rw-r----- root shadow\n"
        );

        var error = Assert.Throws<InputFileException>(() => PermissionTable.Load(file));

        Assert.StartsWith($"{file}:2: MODE: 'rw-r-----' is not an octal mode", error.Message);
    }

    [Fact]
    public void A_table_entry_for_a_path_that_exists_nowhere_is_an_error()
    {
        Directory.CreateDirectory(temp.Combine("rootpatch"));
        var table = PermissionTable.Load(
            temp.Write("rootpatch.permissions", "/etc/nothing 0600 0 0\n")
        );

        var error = Assert.Throws<InputFileException>(() =>
            new RootOverlay(temp.Combine("rootpatch"), table, Substitutions).ApplyTo(
                SampleRoot.Create(),
                SampleRoot.Epoch
            )
        );

        Assert.StartsWith(
            $"{temp.Combine("rootpatch.permissions")}:1: PATH: '/etc/nothing' is listed but neither rootpatch/ nor the base root has it",
            error.Message
        );
    }

    [Fact]
    public void The_repository_rootpatch_and_its_table_apply_to_a_base_root()
    {
        var tree = SampleRoot.Create();
        tree.Set(
            RootNode.File(
                "etc/ssh/sshd_config.d/xendemo.conf",
                SampleRoot.Bytes(""),
                SampleRoot.Epoch
            )
        );

        new RootOverlay(
            Path.Combine(RepositoryRoot.Path, "rootpatch"),
            PermissionTable.Load(Path.Combine(RepositoryRoot.Path, "rootpatch.permissions")),
            Substitutions
        ).ApplyTo(tree, SampleRoot.Epoch);

        Assert.Equal((UnixFileMode)0b111_101_000, tree["usr/local/sbin/xendemo-nat-enable"]!.Mode);
        Assert.Equal(
            NodeKind.Symlink,
            tree["etc/systemd/system/multi-user.target.wants/systemd-networkd.service"]!.Kind
        );
        Assert.Contains("CD 1.2 (built by Ian)", SampleRoot.Text(tree["etc/issue"]!));
    }
}
