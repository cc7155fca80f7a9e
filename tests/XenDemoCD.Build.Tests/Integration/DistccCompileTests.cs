using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Integration;

/// <summary>
/// <c>--distcc</c> against real compile hosts: Debian's distccd in network namespaces on this
/// machine (<see cref="NamespacedCompileHost"/>), compiling the pinned Xen 4.17 (as
/// <see cref="HypervisorBuildTests"/>). The farm build runs with <c>CCACHE_RECACHE</c>, so the
/// shared ccache is written but not read there: it compiles every file for real.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DistccCompileTests : IDisposable
{
    private readonly TempDirectory root = new();

    public DistccCompileTests() => PinnedXenCheckout.CreateIn(root);

    public void Dispose() => root.Dispose();

    /// <summary>
    /// Starts a Hypervisor build into <c>out-NAME</c>; with <paramref name="recache"/> ccache is
    /// written but not read, so every file is compiled for real.
    /// </summary>
    private ProcessRun StartBuild(string name, bool recache, params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["XENDEMOCD_ROOT"] = root.Path,
            // Not this machine's own farm, if it has one: only the hosts a test names.
            ["DISTCC_HOSTS"] = "",
        };
        if (recache)
        {
            environment["CCACHE_RECACHE"] = "1";
        }
        return ProcessRun.Start(
            "dotnet",
            [
                Path.Combine(AppContext.BaseDirectory, "XenDemoCD.Build.dll"),
                "--target=Hypervisor",
                "--hypervisor=compiled",
                $"--out={root.Combine("out-" + name)}",
                $"--cache={SharedCache.Path}",
                "--source-date-epoch=1700000000",
                .. args,
            ],
            root.Path,
            environment
        );
    }

    private async Task<string> BuildAsync(string name, bool recache, params string[] args)
    {
        using var build = StartBuild(name, recache, args);
        var exitCode = await build.WaitAsync(TimeSpan.FromMinutes(15));
        Assert.True(
            exitCode == 0,
            $"the {name} build failed with exit code {exitCode}:\n{build.Output}"
        );
        return build.Output;
    }

    private byte[] XenOf(string name) =>
        File.ReadAllBytes(root.Combine("out-" + name, "stages", "Hypervisor", "xen.gz"));

    [Fact]
    public async Task Xen_compiled_over_two_hosts_is_byte_identical_to_a_local_compile_even_when_a_host_stops_mid_build()
    {
        // The reference may come from ccache (HypervisorBuildTests compiles the same pinned Xen
        // into the same shared cache): ccache gives the bytes of a local compile either way.
        // The farm build recompiles every file.
        await BuildAsync("local", recache: false);
        var local = XenOf("local");

        await using var first = await NamespacedCompileHost.StartAsync(1);
        await using var second = await NamespacedCompileHost.StartAsync(2);
        await using var gone = await NamespacedCompileHost.StartAsync(3);
        await gone.StopAsync();
        var hosts = $"--distcc={first.Address}/2,{second.Address}/2,{gone.Address}/2";

        // One farm build (each Xen compile here costs minutes): both hosts compile (their own
        // logs say so), then one stops mid-build and its files compile elsewhere; the host that
        // was down from the start is left out with one warning; the image is the local one,
        // byte for byte.
        string farm;
        using (var build = StartBuild("farm", recache: true, hosts))
        {
            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (
                (second.Compiled < 30 || first.Compiled <= 20)
                && DateTime.UtcNow < deadline
                && !build.HasExited
            )
            {
                await Task.Delay(200);
            }
            Assert.True(
                first.Compiled > 20 && second.Compiled >= 30,
                $"before the stop {first.Address} compiled {first.Compiled} files, {second.Address} {second.Compiled}:\n{build.Output}"
            );
            await second.StopAsync();
            var secondAtStop = second.Compiled;
            var firstAtStop = first.Compiled;

            var exitCode = await build.WaitAsync(TimeSpan.FromMinutes(15));
            farm = build.Output;
            Assert.True(
                exitCode == 0,
                $"the build failed when a host stopped, exit code {exitCode}:\n{farm}"
            );
            Assert.Equal(secondAtStop, second.Compiled);
            Assert.True(
                first.Compiled > firstAtStop,
                $"{first.Address} took no file after the other host stopped:\n{farm}"
            );
        }
        Assert.Single(
            farm.Split('\n'),
            line =>
                line.Contains(
                    $"distcc host {gone.Address} does not answer on port 3632",
                    StringComparison.Ordinal
                ) && line.Contains("WRN", StringComparison.Ordinal)
        );
        Assert.Contains("Xen: distcc compiled", farm);
        Assert.Equal(local, XenOf("farm"));

        // --distcc changes where, not what: the same output directory without it is up to date.
        var withoutFarm = await BuildAsync("farm", recache: true);
        Assert.Equal(2, withoutFarm.Split("Up to date (").Length - 1);
    }

    [Fact]
    public async Task A_host_with_another_compiler_is_refused_before_the_compile_naming_both_compilers()
    {
        // A host whose gcc is not this machine's: distccd runs the target-named compiler first
        // on its PATH, here Debian's clang.
        var compilers = Directory.CreateTempSubdirectory("xendemocd-clang-host-").FullName;
        try
        {
            var gcc = Path.Combine(compilers, "x86_64-linux-gnu-gcc");
            File.WriteAllText(gcc, "#!/bin/sh\nexec clang \"$@\"\n");
            File.SetUnixFileMode(compilers, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(gcc, (UnixFileMode)0b111_101_101);
            await using var same = await NamespacedCompileHost.StartAsync(4);
            await using var other = await NamespacedCompileHost.StartAsync(5, compilers);

            using var build = StartBuild(
                "other-compiler",
                recache: true,
                $"--distcc={same.Address}/2,{other.Address}/2"
            );
            var exitCode = await build.WaitAsync(TimeSpan.FromMinutes(5));

            Assert.NotEqual(0, exitCode);
            Assert.Contains(
                $"distcc host {other.Address} compiles with 'Debian clang version",
                build.Output
            );
            Assert.Contains("but this machine with 'GCC: (Debian", build.Output);
            Assert.Contains("install the same gcc on the host", build.Output);
            Assert.DoesNotContain($"distcc host {same.Address}", build.Output);
            Assert.DoesNotContain("Xen: ", build.Output);
            Assert.DoesNotContain("   at ", build.Output);
        }
        finally
        {
            Directory.Delete(compilers, recursive: true);
        }
    }
}
