using XenDemoCD.Build.Host;
using XenDemoCD.Build.Qemu;

namespace XenDemoCD.Build.Tests.Host;

public sealed class WebPortArgumentTests
{
    private static VmSettings Read(params string[] arguments) =>
        VmArguments.Read(
            ParsedArguments.Parse(arguments, [.. HostOptions.All, .. BuildOptions.All])
        );

    [Fact]
    public void Run_forwards_port_9090_to_the_web_console_unless_told_another()
    {
        Assert.Equal(9090, Read().WebPort);
        Assert.Equal(18080, Read("--web-port=18080").WebPort);
    }

    [Theory]
    [InlineData("80")]
    [InlineData("65536")]
    [InlineData("web")]
    [InlineData("-1")]
    public void A_web_port_outside_1024_to_65535_is_refused_with_the_range(string port)
    {
        var error = Assert.Throws<CommandLineException>(() => Read($"--web-port={port}"));

        Assert.Contains($"--web-port={port}", error.Message);
        Assert.Contains("1024 to 65535", error.Message);
    }

    [Fact]
    public void Run_forwards_the_web_port_to_dom0s_cockpit_beside_ssh()
    {
        var forwards = Tasks.Run.Forwards(Read("--web-port=18080"));

        Assert.Contains(new PortForward(18080, 9090), forwards);
        Assert.Contains(new PortForward(2222, 22), forwards);
    }
}
