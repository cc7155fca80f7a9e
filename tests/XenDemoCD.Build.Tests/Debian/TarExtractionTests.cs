using System.Formats.Tar;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Debian;

/// <summary>
/// Extracting package and source archives refuses every entry that would be written (or read)
/// outside the target: names with '..', paths below a symlink the archive or the target made,
/// hard links that lead out. Archives are crafted with TarWriter; an <c>outside</c> directory
/// beside the target shows that nothing got through.
/// </summary>
public sealed class TarExtractionTests : IDisposable
{
    private const string Archive = "crafted.deb";

    private readonly TempDirectory temp = new();

    public TarExtractionTests()
    {
        Directory.CreateDirectory(Outside);
    }

    public void Dispose() => temp.Dispose();

    private string Target => temp.Combine("target");

    private string Outside => temp.Combine("outside");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_file_below_a_symlink_the_archive_made_is_refused(bool absoluteLink)
    {
        // target/link → the outside directory, by its absolute path or by climbing out.
        var link = absoluteLink ? Outside : "../outside";
        using var tar = Craft(SymlinkEntry("link", link), FileEntry("link/evil"));

        AssertRefused(tar, "link/evil", "lies below the symlink 'link'");
    }

    [Fact]
    public void A_directory_below_a_symlink_the_archive_made_is_refused()
    {
        using var tar = Craft(
            DirectoryEntry("sub"),
            SymlinkEntry("sub/link", Outside),
            DirectoryEntry("sub/link/d")
        );

        AssertRefused(tar, "sub/link/d", "lies below the symlink 'sub/link'");
    }

    [Fact]
    public void A_directory_entry_over_a_symlink_the_archive_made_is_refused()
    {
        // Creating it would "succeed" through the link and set its mode on the outside directory.
        using var tar = Craft(
            SymlinkEntry("link", Outside),
            DirectoryEntry("link"),
            FileEntry("link/evil")
        );

        AssertRefused(tar, "link", "is a directory where the symlink 'link'");
    }

    [Fact]
    public void A_file_below_a_symlink_already_in_the_target_is_refused()
    {
        Directory.CreateDirectory(Target);
        File.CreateSymbolicLink(Path.Combine(Target, "old"), Outside);
        using var tar = Craft(FileEntry("old/evil"));

        AssertRefused(tar, "old/evil", "lies below the symlink 'old'");
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("sub/../../escape")]
    [InlineData("sub/../harmless-looking")]
    public void An_entry_with_a_dot_dot_component_is_refused(string name)
    {
        using var tar = Craft(DirectoryEntry("sub"), FileEntry(name));

        AssertRefused(tar, name, "'..'");
        Assert.False(File.Exists(temp.Combine("escape")));
    }

    [Fact]
    public void An_absolute_entry_name_is_refused()
    {
        var name = Path.Combine(Outside, "evil");
        using var tar = Craft(FileEntry(name));

        AssertRefused(tar, name, "outside the extraction directory");
    }

    [Theory]
    [InlineData("../outside/secret")]
    [InlineData("link/secret")]
    [InlineData("secret-link")]
    public void A_hard_link_to_a_file_outside_is_refused_and_nothing_is_copied_in(string linkName)
    {
        // link → outside/, secret-link → outside/secret: a hard link "to" either would copy the
        // host's file into the tree.
        File.WriteAllText(Path.Combine(Outside, "secret"), "host's secret");
        using var tar = Craft(
            SymlinkEntry("link", Outside),
            SymlinkEntry("secret-link", Path.Combine(Outside, "secret")),
            HardLinkEntry("copy", linkName)
        );

        AssertRefused(tar, "copy", linkName, expectOutsideEmpty: false);
        Assert.False(File.Exists(Path.Combine(Target, "copy")));
        Assert.Equal(["secret"], Directory.GetFileSystemEntries(Outside).Select(Path.GetFileName));
    }

    [Fact]
    public void Symlinks_and_hard_links_inside_the_tree_are_still_extracted()
    {
        using var tar = Craft(
            DirectoryEntry("bin"),
            FileEntry("bin/tool", "tool!"),
            HardLinkEntry("bin/tool2", "bin/tool"),
            SymlinkEntry("bin/tool-link", "tool"),
            SymlinkEntry("etc-link", "/etc")
        );

        var written = TarExtraction.Extract(tar, Target, n => n, Archive);

        Assert.Equal(5, written);
        Assert.Equal("tool!", File.ReadAllText(Path.Combine(Target, "bin/tool2")));
        Assert.Equal("tool", new FileInfo(Path.Combine(Target, "bin/tool-link")).LinkTarget);
        Assert.Equal("/etc", new FileInfo(Path.Combine(Target, "etc-link")).LinkTarget);
    }

    private void AssertRefused(
        Stream tar,
        string entry,
        string problem,
        bool expectOutsideEmpty = true
    )
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            TarExtraction.Extract(tar, Target, n => n, Archive)
        );

        Assert.True(error is IExpectedFailure, $"not an expected failure: {error}");
        Assert.StartsWith($"{Archive}: entry '{entry}'", error.Message);
        Assert.Contains(problem, error.Message);
        if (expectOutsideEmpty)
        {
            Assert.Empty(Directory.GetFileSystemEntries(Outside));
        }
    }

    private static PaxTarEntry DirectoryEntry(string name) =>
        new(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101 };

    private static PaxTarEntry FileEntry(string name, string content = "evil") =>
        new(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
        };

    private static PaxTarEntry SymlinkEntry(string name, string target) =>
        new(TarEntryType.SymbolicLink, name) { LinkName = target };

    private static PaxTarEntry HardLinkEntry(string name, string target) =>
        new(TarEntryType.HardLink, name) { LinkName = target };

    private static MemoryStream Craft(params PaxTarEntry[] entries)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }
        tar.Position = 0;
        return tar;
    }
}
