using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

public sealed class SecureBootSettingsTests : IDisposable
{
    private readonly TempDirectory _checkout = new();

    public void Dispose() => _checkout.Dispose();

    private BuildSettings Settings(params string[] arguments) =>
        SettingsFromArguments.Parse(_checkout.Path, arguments);

    [Fact]
    public void The_secure_boot_path_is_built_only_when_asked_for()
    {
        Assert.False(Settings().SecureBoot);
        Assert.True(Settings("--secure-boot").SecureBoot);
        Assert.Null(Settings("--secure-boot").SigningPair);
    }

    [Fact]
    public void A_signing_key_without_its_certificate_is_refused_naming_the_missing_one()
    {
        var error = Assert.Throws<CommandLineException>(() =>
            Settings("--secure-boot", "--signing-key=k.pem")
        );

        Assert.Contains("--signing-key without --signing-cert", error.Message);
    }

    [Fact]
    public void A_signing_key_for_a_cd_without_the_secure_boot_path_is_refused()
    {
        var error = Assert.Throws<CommandLineException>(() =>
            Settings("--signing-key=k.pem", "--signing-cert=c.pem")
        );

        Assert.Contains("add --secure-boot", error.Message);
    }

    [Fact]
    public void The_secure_boot_case_needs_a_cd_built_with_it_or_another_iso()
    {
        var error = Assert.Throws<CommandLineException>(() =>
            Settings("--boot-cases=uefi-secureboot")
        );

        Assert.Contains("'uefi-secureboot' needs a CD built with --secure-boot", error.Message);
        Assert.True(Settings("--boot-cases=uefi-secureboot", "--secure-boot").SecureBoot);
    }

    [Fact]
    public void An_unpacked_cd_rebuilds_with_the_profiles_and_secure_boot_it_was_built_with_unless_told()
    {
        File.WriteAllText(
            Path.Combine(_checkout.Path, "build-settings.json"),
            """{ "sourceDateEpoch": "1700000000", "profiles": "bench", "secureBoot": "true" }"""
        );

        Assert.Equal(["bench"], Settings().Profiles);
        Assert.True(Settings().SecureBoot);
        Assert.Empty(Settings("--profile=").Profiles);
        Assert.False(Settings("--secure-boot=false").SecureBoot);
    }
}
