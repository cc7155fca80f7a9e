using XenDemoCD.Iso9660.Tests.Robustness;
using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.IsoTool;

/// <summary>isotool extract onto files that already exist: refused, and nothing written, unless --overwrite.</summary>
public sealed class IsotoolExtractTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public IsotoolExtractTests()
    {
        File.WriteAllBytes(scratch["small.iso"], HostileImages.Small());
    }

    public void Dispose() => scratch.Dispose();

    private string Target => scratch["out"];

    private void Existing(string relative, string content)
    {
        var path = Path.Combine(Target, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Fact]
    public void Extracting_onto_existing_files_fails_naming_the_first_and_writes_nothing()
    {
        Existing("dir/victim.txt", "mine\n");
        Existing("zz-escape", "mine too\n");

        var run = IsotoolRun.Of("extract", scratch["small.iso"], Target);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"isotool extract: {Path.Combine(Target, "dir", "victim.txt")} already exists (and 1 more); nothing was extracted (--overwrite replaces them)",
            run.FirstErrorLine
        );
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(Target, "dir", "victim.txt")));
        Assert.Equal(
            ["dir", "dir/victim.txt", "zz-escape"],
            Directory
                .EnumerateFileSystemEntries(Target, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(Target, p))
                .Order(StringComparer.Ordinal)
        );
    }

    [Fact]
    public void A_dangling_symlink_in_the_way_counts_as_an_existing_file()
    {
        Directory.CreateDirectory(Target);
        File.CreateSymbolicLink(Path.Combine(Target, "zz-escape"), "/nonexistent/target");

        var run = IsotoolRun.Of("extract", scratch["small.iso"], Target);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{Path.Combine(Target, "zz-escape")} already exists", run.FirstErrorLine);
        Assert.Single(Directory.EnumerateFileSystemEntries(Target));
    }

    [Fact]
    public void Overwrite_replaces_existing_files_with_the_image_s()
    {
        Existing("dir/victim.txt", "mine\n");

        var run = IsotoolRun.Of("extract", "--overwrite", scratch["small.iso"], Target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("victim\n", File.ReadAllText(Path.Combine(Target, "dir", "victim.txt")));
        Assert.Equal("inner\n", File.ReadAllText(Path.Combine(Target, "dir", "sub", "inner.txt")));
    }

    [Fact]
    public void Overwrite_never_replaces_a_directory_with_a_file()
    {
        Directory.CreateDirectory(Path.Combine(Target, "zz-escape", "keep"));

        var run = IsotoolRun.Of("extract", "--overwrite", scratch["small.iso"], Target);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is a directory where the image has a file", run.FirstErrorLine);
        Assert.True(Directory.Exists(Path.Combine(Target, "zz-escape", "keep")));
        Assert.False(Directory.Exists(Path.Combine(Target, "dir")));
    }

    [Fact]
    public void Extracting_into_existing_directories_without_clashing_names_succeeds()
    {
        Existing("dir/other.txt", "mine\n");

        var run = IsotoolRun.Of("extract", scratch["small.iso"], Target);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("victim\n", File.ReadAllText(Path.Combine(Target, "dir", "victim.txt")));
        Assert.Equal("mine\n", File.ReadAllText(Path.Combine(Target, "dir", "other.txt")));
    }
}
