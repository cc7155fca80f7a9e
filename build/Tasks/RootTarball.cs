using System.IO.Compression;
using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Stages;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// <c>root.tar.gz</c>, the mutable root that linuxrc unpacks into RAM: the layout's reproducible
/// root.tar, gzip-compressed (no name, no time in the gzip header).
/// </summary>
[TaskName(nameof(RootTarball))]
[TaskDescription("Packs the mutable root into root.tar.gz")]
[IsDependentOn(typeof(UsrLayout))]
public sealed class RootTarball : StageTask
{
    public const string Archive = "root.tar.gz";

    protected override async Task DescribeInputsAsync(
        BuildContext context,
        StageManifest manifest
    ) => await AddUpstreamAsync<UsrLayout>(context, manifest);

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var source = Path.Combine(new UsrLayout().OutputOf(context).Path, UsrLayout.RootArchive);
        var target = Path.Combine(output, Archive);
        await using (var input = File.OpenRead(source))
        await using (var file = File.Create(target))
        await using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            await input.CopyToAsync(gzip, context.Cancellation);
        }
        Log.Information(
            "{Archive}: {Size:N0} bytes (from {Tar:N0})",
            Archive,
            new FileInfo(target).Length,
            new FileInfo(source).Length
        );
    }
}
