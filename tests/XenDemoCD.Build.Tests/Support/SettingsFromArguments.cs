using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tests.Support;

/// <summary>The build's settings as a command line in <paramref name="checkout"/> gives them, with a fixed epoch, version and builder.</summary>
public static class SettingsFromArguments
{
    public static BuildSettings Parse(string checkout, params string[] arguments) =>
        BuildSettings.From(
            ParsedArguments.Parse(
                ["--source-date-epoch=1700000000", "--version-id=t", "--builder=t", .. arguments],
                [.. HostOptions.All, .. BuildOptions.All]
            ),
            checkout
        );
}
