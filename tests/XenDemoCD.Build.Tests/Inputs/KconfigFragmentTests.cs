using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Kconfig;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Inputs;

public sealed class KconfigFragmentTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Merging_replaces_earlier_values_and_keeps_the_rest()
    {
        var fragment = KconfigFragment.Load(
            temp.Write(
                "xen.config",
                "# comment\nCONFIG_PV=y\n# CONFIG_DEBUG is not set\nCONFIG_SERIAL_TX_BUFSIZE=32768\n"
            )
        );
        var dotConfig = temp.Write(".config", "CONFIG_PV=n\nCONFIG_DEBUG=y\nCONFIG_HVM=y\n");

        fragment.MergeInto(dotConfig);

        var values = KconfigFragment.ReadValues(dotConfig);
        Assert.Equal("y", values["CONFIG_PV"]);
        Assert.Equal("n", values["CONFIG_DEBUG"]);
        Assert.Equal("y", values["CONFIG_HVM"]);
        Assert.Equal("32768", values["CONFIG_SERIAL_TX_BUFSIZE"]);
        Assert.Single(
            File.ReadAllLines(dotConfig),
            l => l.Contains("CONFIG_PV", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void An_option_that_Kconfig_dropped_fails_naming_the_fragment_and_the_option()
    {
        var fragmentFile = temp.Write("xen.config", "CONFIG_PV=y\nCONFIG_NO_SUCH_THING=y\n");
        var fragment = KconfigFragment.Load(fragmentFile);
        var final = temp.Write(".config", "CONFIG_PV=y\n");

        var error = Assert.Throws<InputFileException>(() => fragment.Verify(final));

        Assert.StartsWith(
            fragmentFile + ": 1 option(s) did not survive olddefconfig",
            error.Message
        );
        Assert.Contains(
            "CONFIG_NO_SUCH_THING=y was asked, the final .config has it unset",
            error.Message
        );
    }

    [Fact]
    public void An_option_set_to_another_value_is_reported_with_both_values()
    {
        var fragment = KconfigFragment.Load(temp.Write("f.config", "CONFIG_NR_CPUS=64\n"));

        var problems = fragment.Unsatisfied(temp.Write(".config", "CONFIG_NR_CPUS=256\n"));

        Assert.Equal(
            ["CONFIG_NR_CPUS=64 was asked, the final .config has CONFIG_NR_CPUS=256"],
            problems
        );
    }

    [Fact]
    public void A_line_that_is_not_an_assignment_is_rejected_with_file_and_line_number()
    {
        var file = temp.Write("bad.config", "CONFIG_PV=y\nPV=y\n");

        var error = Assert.Throws<InputFileException>(() => KconfigFragment.Load(file));

        Assert.StartsWith($"{file}:2: 'PV=y' is not a Kconfig assignment", error.Message);
    }
}
