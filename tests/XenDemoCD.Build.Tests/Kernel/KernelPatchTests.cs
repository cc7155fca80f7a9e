using XenDemoCD.Build.Patching;
using XenDemoCD.Build.Tasks;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Kernel;

/// <summary>
/// The KernelPatch stage on a tiny tree standing in for KernelSource's output (run with
/// <c>--exclusive</c>, so nothing is downloaded), with the patch of this folder's TestData.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class KernelPatchTests : IDisposable
{
    private const string Pristine = """
        /* A stand-in for the kernel's init/version.c. */
        const char linux_banner[] = "Linux version 6.1";
        int version_ok = 1;

        """;

    private readonly KernelTestBuild build = new();

    public KernelPatchTests()
    {
        build.Root.Write("out/stages/KernelSource/source/init/version.c", Pristine);
        build.Root.Write("out/stages/KernelSource/source/Makefile", "all:\n");
        // As in the real tree, unpacked files carry their tarball's (old) times.
        File.SetLastWriteTimeUtc(Original, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        build.Root.Write(
            "xenolinux-patches/0001-xenolinux-banner.patch",
            File.ReadAllText(TestPatch)
        );
    }

    private static string TestPatch =>
        Path.Combine(
            RepositoryRoot.Path,
            "tests",
            "XenDemoCD.Build.Tests",
            "Kernel",
            "TestData",
            "0001-xenolinux-banner.patch"
        );

    public void Dispose() => build.Dispose();

    private string Patched =>
        Path.Combine(build.StageOutput(nameof(KernelPatch)), "source", "init", "version.c");

    private string Original => build.Root.Combine("out/stages/KernelSource/source/init/version.c");

    private Task RunAsync() =>
        build.RunSuccessfullyAsync(
            build.Root.Combine("cache"),
            "--target=KernelPatch",
            "--exclusive"
        );

    [Fact]
    public async Task The_series_is_applied_to_a_linked_copy_and_the_pristine_tree_stays_untouched()
    {
        build.Root.Write(
            "xenolinux-patches/series",
            "# test series\n0001-xenolinux-banner.patch\n"
        );

        await RunAsync();

        Assert.Contains("XenoLinux version 6.1", File.ReadAllText(Patched));
        Assert.Equal(Pristine, File.ReadAllText(Original));
        Assert.Equal(
            ["init/version.c"],
            File.ReadAllLines(
                Path.Combine(build.StageOutput(nameof(KernelPatch)), KernelPatch.PatchedFilesList)
            )
        );
        Assert.Contains("Applied 1 patch(es)", build.Log.Text);
    }

    [Fact]
    public async Task A_patch_dropped_from_the_series_gives_back_the_pristine_file_newer_than_before()
    {
        build.Root.Write("xenolinux-patches/series", "0001-xenolinux-banner.patch\n");
        await RunAsync();
        var pristineTime = File.GetLastWriteTimeUtc(Original);

        build.Root.Write("xenolinux-patches/series", "# nothing today\n");
        await RunAsync();

        // Back to the pristine text, but with a time make sees as newer than the objects built
        // from the patched file; the pristine tree's own file keeps its time.
        Assert.Equal(Pristine, File.ReadAllText(Patched));
        Assert.True(File.GetLastWriteTimeUtc(Patched) > pristineTime.AddDays(1));
        Assert.Equal(pristineTime, File.GetLastWriteTimeUtc(Original));
        Assert.Contains("init/version.c is no longer patched", build.Log.Text);
        Assert.Contains("input 'xenolinux-patches/series' changed", build.Log.Text);
    }

    [Fact]
    public async Task A_patch_that_does_not_apply_fails_the_build_naming_the_patch_and_the_hunk()
    {
        build.Root.Write("out/stages/KernelSource/source/init/version.c", "int something_else;\n");
        build.Root.Write("xenolinux-patches/series", "0001-xenolinux-banner.patch\n");

        var exitCode = await build.RunAsync(
            build.Root.Combine("cache"),
            "--target=KernelPatch",
            "--exclusive"
        );

        Assert.NotEqual(0, exitCode);
        Assert.Contains("KernelPatch: patch ", build.Log.Text);
        Assert.Contains("0001-xenolinux-banner.patch does not apply", build.Log.Text);
        Assert.Contains("Hunk #1 FAILED", build.Log.Text);
        Assert.False(Directory.Exists(build.StageOutput(nameof(KernelPatch))));
    }

    [Fact]
    public void The_targets_of_a_patch_are_the_files_below_the_tree_it_changes()
    {
        Assert.Equal(["init/version.c"], PatchTargets.Of(TestPatch));
    }
}
