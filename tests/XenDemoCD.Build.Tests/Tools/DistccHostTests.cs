using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.Tools;

public sealed class DistccHostTests
{
    [Fact]
    public void The_option_names_hosts_with_their_ports_and_slots_and_distccs_defaults_fill_the_rest()
    {
        var hosts = DistccHost.ParseHosts("build1/8, 10.0.0.5:3633/2,build3", environment: null);

        Assert.Equal(
            [
                new DistccHost("build1", 3632, 8),
                new DistccHost("10.0.0.5", 3633, 2),
                new DistccHost("build3", 3632, 4),
            ],
            hosts
        );
        Assert.Equal(["build1/8", "10.0.0.5:3633/2", "build3/4"], hosts.Select(h => h.HostsEntry));
    }

    [Fact]
    public void Without_the_option_distccs_own_variable_is_read_with_its_spaces_and_compression_flag()
    {
        var hosts = DistccHost.ParseHosts(null, "localhost/2  build1/8,lzo\tbuild2");

        Assert.Equal([new DistccHost("build1", 3632, 8), new DistccHost("build2", 3632, 4)], hosts);
    }

    [Fact]
    public void The_option_wins_over_the_variable_and_none_turns_a_set_variable_off()
    {
        Assert.Equal(
            [new DistccHost("build9", 3632, 1)],
            DistccHost.ParseHosts("build9/1", "build1/8")
        );
        Assert.Empty(DistccHost.ParseHosts("none", "build1/8"));
        Assert.Empty(DistccHost.ParseHosts(null, null));
        Assert.Empty(DistccHost.ParseHosts(null, "  "));
    }

    [Theory]
    [InlineData("@build1/8", "distcc over ssh")]
    [InlineData("build1/8,cpp", "pump mode")]
    [InlineData("--randomize", "is a distcc option, not a host")]
    [InlineData("build1:0/8", "has port 0; expected a whole number from 1 to 65535")]
    [InlineData("build1/0", "has limit 0; expected a whole number from 1 to 256")]
    [InlineData("build_1/8", "is not a compile host; expected HOST[:PORT][/LIMIT]")]
    [InlineData("build1/8,build1/2", "host 'build1' is named twice")]
    [InlineData("build1/8,BUILD1/2", "host 'BUILD1' is named twice")]
    [InlineData(",", "names no compile host")]
    public void A_host_list_the_build_cannot_use_is_refused_naming_the_entry_and_the_fix(
        string option,
        string expected
    )
    {
        var error = Assert.Throws<CommandLineException>(() => DistccHost.ParseHosts(option, null));

        Assert.StartsWith("--distcc", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_entry_in_the_variable_names_the_variable_and_how_to_build_without_it()
    {
        var error = Assert.Throws<CommandLineException>(() =>
            DistccHost.ParseHosts(null, "build1/8 @build2")
        );

        Assert.StartsWith("$DISTCC_HOSTS: '@build2'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            "Or pass --distcc=none to build without distcc, whatever $DISTCC_HOSTS says.",
            error.Message,
            StringComparison.Ordinal
        );
    }
}
