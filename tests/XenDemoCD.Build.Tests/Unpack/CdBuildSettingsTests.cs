using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Unpacking;

namespace XenDemoCD.Build.Tests.Unpack;

public sealed class CdBuildSettingsTests
{
    private static readonly CdBuildSettings Settings = new(
        1700000000,
        "1.2",
        "A Builder",
        "compiled",
        "debian",
        "6.12.117-xendemo",
        "bench,desktop",
        true
    );

    [Fact]
    public void The_record_the_cd_carries_is_indented_json_in_a_fixed_order()
    {
        Assert.Equal(
            """
            {
              "sourceDateEpoch": "1700000000",
              "versionId": "1.2",
              "builder": "A Builder",
              "kernel": "compiled",
              "hypervisor": "debian",
              "kernelRelease": "6.12.117-xendemo",
              "profiles": "bench,desktop",
              "secureBoot": "true"
            }

            """,
            Settings.ToJson()
        );
    }

    [Fact]
    public void What_the_cd_carries_reads_back_as_the_same_settings()
    {
        Assert.Equal(Settings, CdBuildSettings.Parse(Settings.ToJson(), "build-settings.json"));
    }

    [Fact]
    public void The_record_of_a_cd_made_before_profiles_were_kept_reads_as_neither_given()
    {
        var old = CdBuildSettings.Parse(
            """{ "sourceDateEpoch": "1", "kernel": "debian" }""",
            "build-settings.json"
        );

        Assert.Null(old.Profiles);
        Assert.Null(old.SecureBoot);
    }

    [Fact]
    public void A_secure_boot_value_other_than_true_or_false_names_the_file_and_the_fix()
    {
        var error = Assert.Throws<InputFileException>(() =>
            CdBuildSettings.Parse("""{ "secureBoot": "yes" }""", "/u/build-settings.json")
        );

        Assert.Contains("/u/build-settings.json", error.Message);
        Assert.Contains("secureBoot is \"yes\"", error.Message);
        Assert.Contains("restore it from the CD", error.Message);
    }
}
