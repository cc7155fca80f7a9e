using XenDemoCD.Build.Cd;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Unpacking;

namespace XenDemoCD.Build.Tests.Unpack;

/// <summary>
/// A --with-sources (or --release) CD: what CdSources added under /usr/local/src is the
/// build's, not the root's, so a rebuild neither meets it twice nor carries it stale.
/// </summary>
public sealed class WithSourcesUnpackTests : IDisposable
{
    private const string Archive = "xen/4.17.5-1/xen_4.17.5.orig.tar.xz";
    private const string KernelDeb =
        "linux-source-6.1/6.1.158-1/linux-source-6.1_6.1.158-1_all.deb";
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private string Into => work.Combine("unpacked");

    private string In(params string[] parts) => Path.Combine([Into, .. parts]);

    private string WithSourcesCd() =>
        FakeCd.Build(
            work,
            tree =>
            {
                var time = DateTimeOffset.FromUnixTimeSeconds(FakeCd.Epoch);
                CdTree.AddText(tree, $"{CdSources.Directory}/downloads/{Archive}", "xen", time);
                CdTree.AddText(tree, $"{CdSources.Directory}/downloads/{KernelDeb}", "linux", time);
                CdTree.AddText(tree, $"{CdSources.Directory}/README", "rebuild me\n", time);
            }
        );

    [Fact]
    public void The_sources_and_their_readme_stay_out_of_the_root_that_the_rebuild_adds_them_to()
    {
        Unpacker.Unpack(WithSourcesCd(), Into, restoreOwners: false);

        var src = In(UnpackedLayout.RootDirectory, "usr", "local", "src");
        Assert.False(File.Exists(Path.Combine(src, "README")));
        Assert.False(Directory.Exists(Path.Combine(src, "downloads")));
        var table = File.ReadAllText(In(RootMetadataTable.FileName));
        Assert.DoesNotContain("local/src/README", table, StringComparison.Ordinal);
        Assert.DoesNotContain("local/src/downloads", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_source_archives_land_in_the_unpacked_download_cache_where_the_rebuild_finds_them()
    {
        var result = Unpacker.Unpack(WithSourcesCd(), Into, restoreOwners: false);

        Assert.Equal(2, result.SourceArchives);
        Assert.Equal(
            "xen",
            File.ReadAllText(Path.Combine(Into, UnpackedLayout.SourcesDirectory, Archive))
        );
        Assert.Equal(
            "linux",
            File.ReadAllText(Path.Combine(Into, UnpackedLayout.SourcesDirectory, KernelDeb))
        );
        // The cache is the build's, not the build system the CD carried.
        Assert.DoesNotContain(
            "downloads",
            File.ReadAllText(In(BuildSystemFiles.RecordName)),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void A_cd_without_sources_leaves_no_download_cache_behind()
    {
        var result = Unpacker.Unpack(FakeCd.Build(work), Into, restoreOwners: false);

        Assert.Equal(0, result.SourceArchives);
        Assert.False(Directory.Exists(In("cache")));
    }
}
