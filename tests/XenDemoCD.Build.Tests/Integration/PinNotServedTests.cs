using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Integration;

/// <summary>
/// A pinned package version the archive no longer serves (a security update or a point release
/// replaced it) stops the build in Prerequisites, before any stage, naming the pin file, the
/// field's line and the versions the archive offers now. Asks the real archive, through the
/// host's own apt sources retargeted at the pin's release.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PinNotServedTests : IDisposable
{
    private readonly TempDirectory root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public async Task A_pin_the_archive_no_longer_serves_fails_in_prerequisites_naming_the_file_line_and_the_versions_offered()
    {
        var hypervisor = Directory.CreateDirectory(root.Combine("hypervisor")).FullName;
        var pinFile = Path.Combine(hypervisor, "debian-hypervisor.json");
        var current = DebianBinaryPin.Load(
            Path.Combine(RepositoryRoot.Path, "hypervisor", "debian-hypervisor.json")
        );
        // An earlier trixie security update of the same package, long replaced.
        const string Gone = "4.20.2+7-g1badcf5035-0+deb13u1";
        File.WriteAllText(
            pinFile,
            File.ReadAllText(
                    Path.Combine(RepositoryRoot.Path, "hypervisor", "debian-hypervisor.json")
                )
                .Replace(current.Version, Gone, StringComparison.Ordinal)
        );

        var (exitCode, output) = await ProcessRun.RunAsync(
            "dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "XenDemoCD.Build.dll"),
                "--target=DebianHypervisor",
                "--hypervisor=debian",
                $"--out={root.Combine("out")}",
                $"--cache={root.Combine("cache")}",
                "--source-date-epoch=1700000000",
            ],
            root.Path,
            new Dictionary<string, string> { ["XENDEMOCD_ROOT"] = root.Path }
        );

        Assert.True(exitCode != 0, output);
        Assert.Contains("Build failed in task Prerequisites", output);
        Assert.DoesNotContain("── DebianHypervisor ──", output);
        var line = File.ReadAllLines(pinFile).ToList().FindIndex(l => l.Contains(Gone)) + 1;
        Assert.Contains(
            $"{pinFile}:{line}: version: the archive no longer serves xen-hypervisor-4.20-amd64 {Gone} (pinned from suite 'trixie'); it offers ",
            output
        );
        // The repository's own pin is what the archive serves today: it is among the offers.
        Assert.Contains($"{current.Version} (", output);
    }
}
