using System.Diagnostics;
using System.IO.Compression;
using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Package;

/// <summary>
/// The library is usable without the build system: <c>dotnet pack</c> makes its NuGet package,
/// with the API documentation, and the package of the one library it needs.
/// </summary>
[Trait("Category", "Integration")] // runs dotnet pack: a restore and a build
public sealed class PackageTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task Dotnet_pack_makes_the_library_and_its_posix_dependency_with_their_xml_documentation()
    {
        var project = Path.Combine(
            RepositoryRootOf(AppContext.BaseDirectory),
            "src",
            "XenDemoCD.Iso9660",
            "XenDemoCD.Iso9660.csproj"
        );
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "pack", project, "-c", "Release", "-o", scratch.Path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var pack = Process.Start(start)!;
        var output = pack.StandardOutput.ReadToEndAsync();
        var errors = await pack.StandardError.ReadToEndAsync();
        await pack.WaitForExitAsync();
        Assert.True(pack.ExitCode == 0, await output + errors);

        Assert.Equal(
            ["README.md", "lib/net10.0/XenDemoCD.Iso9660.dll", "lib/net10.0/XenDemoCD.Iso9660.xml"],
            Entries("XenDemoCD.Iso9660")
        );
        Assert.Equal(
            ["lib/net10.0/XenDemoCD.Posix.dll", "lib/net10.0/XenDemoCD.Posix.xml"],
            Entries("XenDemoCD.Posix")
        );
    }

    /// <summary>What the package carries for its users (not NuGet's own bookkeeping).</summary>
    private string[] Entries(string id)
    {
        var package = Assert.Single(Directory.GetFiles(scratch.Path, $"{id}.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        return
        [
            .. zip
                .Entries.Select(e => e.FullName)
                .Where(n => n.StartsWith("lib/", StringComparison.Ordinal) || n == "README.md")
                .Order(StringComparer.Ordinal),
        ];
    }

    private static string RepositoryRootOf(string directory) =>
        File.Exists(Path.Combine(directory, "XenDemoCD.sln"))
            ? directory
            : RepositoryRootOf(
                Path.GetDirectoryName(directory.TrimEnd('/'))
                    ?? throw new InvalidOperationException("no XenDemoCD.sln above the tests")
            );
}
