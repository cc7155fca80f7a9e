using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

public sealed class ReleaseSettingsTests : IDisposable
{
    private readonly TempDirectory _checkout = new();

    private BuildSettings Settings(params string[] arguments) =>
        SettingsFromArguments.Parse(_checkout.Path, arguments);

    [Fact]
    public void A_release_build_carries_the_sources()
    {
        Assert.True(Settings("--release").WithSources);
        Assert.False(Settings().WithSources);
        Assert.True(Settings("--with-sources").WithSources);
    }

    [Theory]
    [InlineData("--kernel=debian", "kernel")]
    [InlineData("--hypervisor=debian", "hypervisor")]
    public void A_release_build_refuses_a_binary_whose_source_it_cannot_carry(
        string origin,
        string option
    )
    {
        var error = Assert.Throws<CommandLineException>(() => Settings("--release", origin));

        Assert.Contains("--release", error.Message);
        Assert.Contains($"--{option}=compiled", error.Message);
    }

    [Fact]
    public void A_release_build_refuses_the_prebuilt_kernel_of_an_unpacked_cd()
    {
        _checkout.Write("prebuilt/vmlinuz", "kernel");

        var error = Assert.Throws<CommandLineException>(() => Settings("--release"));

        Assert.Contains("'prebuilt'", error.Message);
    }

    public void Dispose() => _checkout.Dispose();
}
