using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Unpacking;

namespace XenDemoCD.Build.Tests.Unpack;

/// <summary>
/// The real host in an unpacked directory: Unpack through <c>--target=Unpack</c>, then
/// RootBootstrap takes its base from root/ + root.metadata instead of mmdebstrap.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class RebuildFromRootTests : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private static Task<(int ExitCode, string Output)> Host(
        string root,
        params string[] arguments
    ) =>
        ProcessRun.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "XenDemoCD.Build.dll"), .. arguments],
            root,
            new Dictionary<string, string> { ["XENDEMOCD_ROOT"] = root },
            TimeSpan.FromMinutes(5)
        );

    [Fact]
    public async Task RootBootstrap_in_an_unpacked_directory_writes_the_unpacked_tree_as_base_tar_entry_by_entry()
    {
        var iso = FakeCd.Build(work);
        var into = work.Combine("unpacked");
        var (unpackExit, unpackOutput) = await Host(
            work.Path,
            "--target=Unpack",
            $"--iso={iso}",
            $"--into={into}"
        );
        Assert.True(unpackExit == 0, unpackOutput);
        Assert.Contains("Next: cd", unpackOutput, StringComparison.Ordinal);

        var (exit, output) = await Host(into, "--target=RootBootstrap");
        Assert.True(exit == 0, output);
        Assert.Contains("from the unpacked root/", output, StringComparison.Ordinal);

        var baseTar = RootTarReader.Read(
            Path.Combine(into, "out", "stages", "RootBootstrap", "base.tar")
        );
        var expected = UnpackedRoot.Read(into);
        Assert.Equal(expected.Nodes.Select(n => n.Path), baseTar.Nodes.Select(n => n.Path));
        foreach (var node in expected.Nodes)
        {
            var written = baseTar[node.Path]!;
            Assert.Equal(
                (
                    node.Kind,
                    node.Mode,
                    node.Uid,
                    node.Gid,
                    Math.Min(node.MTime, FakeCd.Epoch),
                    node.LinkTarget,
                    node.DevMajor,
                    node.DevMinor,
                    node.Size
                ),
                (
                    written.Kind,
                    written.Mode,
                    written.Uid,
                    written.Gid,
                    written.MTime,
                    written.LinkTarget,
                    written.DevMajor,
                    written.DevMinor,
                    written.Size
                )
            );
        }
        // The moved file is back in place for the layout to move again; owners from the table.
        Assert.Equal(NodeKind.File, baseTar["etc/ssh/moduli"]!.Kind);
        Assert.Equal((0, 42), (baseTar["etc/shadow"]!.Uid, baseTar["etc/shadow"]!.Gid));

        // Unchanged: up to date. A change in root/ makes it build again.
        var (_, again) = await Host(into, "--target=RootBootstrap");
        Assert.Contains("Up to date", again, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(into, "root", "etc", "motd"), "changed\n");
        var (_, changed) = await Host(into, "--target=RootBootstrap");
        Assert.Contains("input 'root/' changed", changed, StringComparison.Ordinal);
    }
}
