using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Reader;

/// <summary>
/// Symlink targets longer than one SL entry, as genisoimage writes them: split across SL
/// entries (RRIP 4.1.3.1 CONTINUE flags) and continuation areas, and once a single entry passes
/// 255 bytes, with a length byte that wrapped around.
/// </summary>
public sealed class LongSymlinkTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    public static readonly TheoryData<string, string> Targets = new()
    {
        { "many-components", string.Join('/', Enumerable.Repeat(new string('c', 20), 14)) },
        { "component-over-255", new string('x', 250) + "/" + new string('y', 200) },
        { "dotdot-and-255", "../" + new string('z', 255) },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_long_symlink_target_written_by_genisoimage_is_read_whole_without_warnings(
        string name,
        string target
    )
    {
        var source = scratch["src"];
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "file"), "x");
        File.CreateSymbolicLink(Path.Combine(source, name), target);
        DebianTool.Run("genisoimage", "-quiet", "-R", "-o", scratch["g.iso"], source);
        using var image = IsoImage.Open(scratch["g.iso"], strict: true);

        var link = image.Find(name);

        Assert.NotNull(link);
        Assert.Equal(EntryKind.Symlink, link.Kind);
        Assert.Equal(target, link.SymlinkTarget);
        Assert.Empty(image.Warnings);
    }
}
