using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Patching;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.Inputs;

/// <summary>Runs the real <c>patch</c> program (Debian package patch).</summary>
public sealed class PatchSeriesTests : IDisposable
{
    private const string GoodPatch = """
        --- a/hello.c
        +++ b/hello.c
        @@ -1,3 +1,3 @@
         int main(void)
         {
        -    return 0;
        +    return 42;
        """;

    private readonly TempDirectory temp = new();

    public PatchSeriesTests()
    {
        Assert.True(
            ToolRunner.Find("patch") is not null,
            "the 'patch' program is needed: apt-get install patch"
        );
        temp.Write("tree/hello.c", "int main(void)\n{\n    return 0;\n}\n");
    }

    public void Dispose() => temp.Dispose();

    private static ToolRunner Tools => new("KernelPatch", default, default);

    [Fact]
    public async Task Patches_apply_in_name_order()
    {
        temp.Write("patches/0001-answer.patch", GoodPatch + "\n");
        temp.Write(
            "patches/0002-comment.patch",
            "--- a/hello.c\n+++ b/hello.c\n@@ -1,1 +1,2 @@\n+/* patched twice */\n int main(void)\n"
        );

        await PatchSeries
            .FromDirectory(temp.Combine("patches"))
            .ApplyAsync(temp.Combine("tree"), Tools, "KernelPatch");

        Assert.Equal(
            "/* patched twice */\nint main(void)\n{\n    return 42;\n}\n",
            File.ReadAllText(temp.Combine("tree/hello.c"))
        );
    }

    [Fact]
    public async Task A_patch_that_does_not_apply_names_the_patch_and_the_failed_hunk()
    {
        temp.Write("tree/hello.c", "int main(void)\n{\n    return 7;\n}\n");
        var patch = temp.Write("patches/0001-answer.patch", GoodPatch + "\n");

        var error = await Assert.ThrowsAsync<PatchFailedException>(() =>
            PatchSeries
                .FromDirectory(temp.Combine("patches"))
                .ApplyAsync(temp.Combine("tree"), Tools, "KernelPatch")
        );

        Assert.StartsWith($"KernelPatch: patch {patch} does not apply", error.Message);
        Assert.Contains("Hunk #1 FAILED at 1", error.Message);
    }

    [Fact]
    public void A_series_file_that_names_a_missing_patch_points_at_its_line()
    {
        var series = temp.Write(
            "xenolinux-patches/series",
            "# our patches\n0001-present.patch\n0002-absent.patch\n"
        );
        temp.Write("xenolinux-patches/0001-present.patch", GoodPatch);

        var error = Assert.Throws<InputFileException>(() => PatchSeries.FromSeriesFile(series));

        Assert.StartsWith($"{series}:3: patch: '0002-absent.patch' is listed", error.Message);
    }

    [Fact]
    public void A_missing_patch_directory_is_an_empty_series()
    {
        Assert.Empty(PatchSeries.FromDirectory(temp.Combine("nothing-here")).Patches);
    }
}
