using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tasks;
using XenDemoCD.Build.Tests.Inputs;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>RootBootstrap asks for the toolstack of the Xen the CD boots, whichever origin that is.</summary>
[Collection(SerialCollection.Name)]
public sealed class ToolstackPinTests : IDisposable
{
    private readonly TempDirectory root = new();
    private readonly BuildCancellation cancellation = new();

    public ToolstackPinTests()
    {
        MalformedInputCase.CopyRepositoryInputs(root.Path);
        // The repository pins Debian's build of the very source it pins, so both origins have
        // the same version there; another version here tells which pin a request came from.
        var debianPin = root.Combine("hypervisor", "debian-hypervisor.json");
        File.WriteAllText(
            debianPin,
            File.ReadAllText(debianPin)
                .Replace(
                    DebianBinaryPin.Load(debianPin).Version,
                    "4.20.9-1",
                    StringComparison.Ordinal
                )
        );
    }

    public void Dispose()
    {
        cancellation.Dispose();
        root.Dispose();
    }

    private string SourceVersion =>
        DebianSourcePin.Load(root.Combine("hypervisor", "source.json")).Version;

    private string DebianPackageVersion =>
        DebianBinaryPin.Load(root.Combine("hypervisor", "debian-hypervisor.json")).Version;

    [Fact]
    public void The_pins_of_the_two_origins_differ_here_so_the_tests_tell_them_apart() =>
        Assert.NotEqual(SourceVersion, DebianPackageVersion);

    [Fact]
    public void Compiled_xen_pins_the_toolstack_to_the_source_version() =>
        Assert.Equal(
            $"xen-utils-4.20={SourceVersion}",
            ToolstackPin.Request("xen-utils-4.20", Context("--hypervisor=compiled"))
        );

    [Fact]
    public void Debian_xen_pins_the_toolstack_to_the_package_version() =>
        Assert.Equal(
            $"xen-utils-4.20={DebianPackageVersion}",
            ToolstackPin.Request("xen-utils-4.20", Context("--hypervisor=debian"))
        );

    [Fact]
    public void Prebuilt_xen_pins_the_toolstack_to_the_version_the_cd_recorded()
    {
        root.Write("build-settings.json", """{ "hypervisor": "debian" }""");

        Assert.Equal(
            $"xen-utils-4.20={DebianPackageVersion}",
            ToolstackPin.Request("xen-utils-4.20", Context("--hypervisor=prebuilt"))
        );
    }

    [Fact]
    public void Prebuilt_xen_of_unknown_origin_leaves_the_toolstack_unpinned() =>
        Assert.Equal(
            "xen-utils-4.20",
            ToolstackPin.Request("xen-utils-4.20", Context("--hypervisor=prebuilt"))
        );

    [Fact]
    public void Other_packages_and_explicit_pins_are_asked_for_as_they_are()
    {
        var context = Context("--hypervisor=debian");

        Assert.Equal("openssh-server", ToolstackPin.Request("openssh-server", context));
        Assert.Equal("xen-utils-4.20=1.0", ToolstackPin.Request("xen-utils-4.20=1.0", context));
    }

    private BuildContext Context(params string[] args)
    {
        var arguments = ParsedArguments.Parse(
            [.. args, "--source-date-epoch=1700000000"],
            [.. HostOptions.All, .. BuildOptions.All]
        );
        return BuildContext.Create(
            new HostServices<BuildContext>(
                CakeServices.CreateContext(arguments),
                arguments,
                new ExecutionPlan<BuildContext>(),
                new TaskOutcomes(),
                cancellation,
                DryRun: true
            ),
            root.Path
        );
    }
}
