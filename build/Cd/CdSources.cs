using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Tools;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// <c>--with-sources</c>: the exact source archives of what the build compiled (Xen's Debian
/// source package, the linux-source package), laid out under the CD's <c>/local/src/downloads</c>
/// as the build's own download cache lays them out, with a README saying how to rebuild the CD
/// from them and the build system the CD already carries. That is the corresponding source the
/// GPL asks for with the binaries; Debian's own packages in the root have theirs in Debian's
/// archive, under the versions <c>/var/lib/dpkg/status</c> names.
/// </summary>
public static class CdSources
{
    /// <summary>The running system's <c>/usr/local/src</c>.</summary>
    public const string Directory = "/local/src";

    /// <summary>
    /// Fetches (from the download cache, verified) and adds the archives the pins name and the
    /// README: <paramref name="hypervisorPin"/> (Xen's source package pin) and
    /// <paramref name="kernelPin"/> (the linux-source pin), each null when that part is not
    /// compiled (Debian's package is used).
    /// </summary>
    public static async Task AddAsync(
        IsoTree tree,
        DownloadCache cache,
        ToolRunner tools,
        string? hypervisorPin,
        string? kernelPin,
        DateTimeOffset time,
        string versionId
    )
    {
        var archives = new List<string>(); // paths in the download cache
        if (hypervisorPin is { } pinFile)
        {
            var downloads = await new DebianSourceFetcher(cache, tools).FetchAsync(
                DebianSourcePin.Load(pinFile),
                pinFile
            );
            archives.AddRange(
                System.IO.Directory.GetFiles(downloads).Order(StringComparer.Ordinal)
            );
        }
        else
        {
            Log.Warning(
                "--with-sources: Xen is Debian's xen-hypervisor package here, not compiled; its source is Debian's xen source package, not carried on the CD"
            );
        }
        if (kernelPin is { } kernelPinFile)
        {
            archives.Add(
                await new DebianBinaryFetcher(cache, tools).FetchAsync(
                    DebianBinaryPin.Load(kernelPinFile),
                    kernelPinFile
                )
            );
        }
        else
        {
            Log.Warning(
                "--with-sources: Linux is Debian's linux-image package here, not compiled; its source is Debian's linux source package, not carried on the CD"
            );
        }

        // Where each lies under downloads/, the same on the CD as in the cache.
        var relatives = archives
            .Select(a => Path.GetRelativePath(cache.Downloads, a).Replace('\\', '/'))
            .ToList();
        foreach (var (archive, relative) in archives.Zip(relatives))
        {
            CdTree.AddBuildFile(tree, $"{Directory}/downloads/{relative}", archive, time);
        }
        CdTree.AddText(tree, $"{Directory}/README", Readme(relatives, versionId), time);
        var bytes = archives.Sum(a => new FileInfo(a).Length);
        Log.Information(
            "--with-sources: {Count} source archives ({MiB:N0} MiB) under /usr{Directory}",
            archives.Count,
            bytes >> 20,
            Directory
        );
    }

    private static string Readme(IReadOnlyList<string> relatives, string versionId) =>
        $"""
            The sources of this XenDemoCD ({versionId})
            ==============================================

            downloads/ holds the exact source archives the build compiled, as Debian publishes
            them, in the layout of the build's download cache (cache/downloads/PACKAGE/VERSION/):

            {string.Concat(relatives.Select(r => "  " + r + "\n"))}
            Our changes to them are in the build system, /usr/XenDemoCD/build: hypervisor/patches
            and xenolinux-patches (patch series and kernel configuration), and the pins that name
            these archives and their checksums (hypervisor/source.json, xenolinux-patches/source.json).

            To rebuild the CD from them, without fetching any source:

              cp -a /usr/XenDemoCD/build ~/xendemo
              mkdir -p ~/xendemo/cache && cp -a /usr/local/src/downloads ~/xendemo/cache/
              cd ~/xendemo && ./build.sh --cache=cache

            (README.md there tells the rest; the Debian packages of the root file system still come
            from the host's apt sources, at the versions /var/lib/dpkg/status names.)

            """;
}
