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
        "6.12.117-xendemo"
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
              "kernelRelease": "6.12.117-xendemo"
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
}
