using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.Debian;

/// <summary>A source the archive lists but whose files it answers 404 for is explained by file name.</summary>
public sealed class SourceNotServedTests
{
    private static readonly DebianSourcePin Pin = new(
        "xen",
        "4.20.4+63-g7abfd2bce2-0+deb13u1",
        "trixie",
        "main",
        new Dictionary<string, string>()
    );

    [Fact]
    public void The_files_answered_404_are_named_unescaped_once_each()
    {
        var failure = new ToolFailedException(
            "HypervisorSource",
            "apt-get source --download-only xen=4.20.4+63-g7abfd2bce2-0+deb13u1",
            100,
            [
                "Err:1 http://archive.invalid/debian trixie/main xen 4.20.4+63-g7abfd2bce2-0+deb13u1 (dsc)",
                "  404  Not Found [IP: 192.0.2.1 80]",
                "E: Failed to fetch http://archive.invalid/debian/pool/main/x/xen/xen_4.20.4%2b63-g7abfd2bce2-0%2bdeb13u1.dsc  404  Not Found [IP: 192.0.2.1 80]",
                "E: Failed to fetch http://archive.invalid/debian/pool/main/x/xen/xen_4.20.4%2b63-g7abfd2bce2.orig.tar.xz  404  Not Found [IP: 192.0.2.1 80]",
                "E: Failed to fetch http://archive.invalid/debian/pool/main/x/xen/xen_4.20.4%2b63-g7abfd2bce2.orig.tar.xz  404  Not Found [IP: 192.0.2.1 80]",
            ]
        );

        var error = DebianSourceFetcher.NotServed(Pin, "/nonexistent/source.json", failure);

        Assert.Equal("version", error.Field);
        Assert.Contains(
            "does not serve its files (404: xen_4.20.4+63-g7abfd2bce2-0+deb13u1.dsc, xen_4.20.4+63-g7abfd2bce2.orig.tar.xz)",
            error.Message
        );
    }

    [Fact]
    public void Another_failure_keeps_apts_last_line()
    {
        var failure = new ToolFailedException(
            "HypervisorSource",
            "apt-get source",
            100,
            ["E: Unable to find a source package for xen"]
        );

        var error = DebianSourceFetcher.NotServed(Pin, "/nonexistent/source.json", failure);

        Assert.Contains("E: Unable to find a source package for xen", error.Message);
    }
}
