using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Stages;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// Splits the patched root by <c>usr-layout/layout.conf</c> into the mutable root
/// (<c>root.tar</c>) and the CD's tree (<c>usr.tar</c>, the running system's <c>/usr</c>), both
/// with exact owners, modes, links and devices.
/// </summary>
[TaskName(nameof(UsrLayout))]
[TaskDescription("Splits the root into the RAM part and the CD's /usr (usr-layout/layout.conf)")]
[IsDependentOn(typeof(RootPatch))]
public sealed class UsrLayout : StageTask
{
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [new(RulesFile(context), () => UsrLayoutRules.Load(RulesFile(context)))];

    public const string RootArchive = "root.tar";
    public const string UsrArchive = "usr.tar";

    public static string RulesFile(BuildContext context) =>
        context.Paths.InRoot("usr-layout", "layout.conf");

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        await AddUpstreamAsync<RootPatch>(context, manifest);
        manifest.AddFile("usr-layout/layout.conf", RulesFile(context));
    }

    protected override Task BuildAsync(BuildContext context, string output)
    {
        var epoch = context.Settings.SourceDateEpoch;
        var full = RootTarReader.Read(
            Path.Combine(new RootPatch().OutputOf(context).Path, RootPatch.Archive)
        );
        var (root, cd, report) = UsrLayoutRules
            .Load(RulesFile(context))
            .Apply(full, epoch, requireMatches: !RootBootstrap.FromUnpackedRoot(context));
        foreach (var moved in report.Moved)
        {
            Log.Debug("Moved {Path} to /usr/root", moved);
        }
        RootTarWriter.WriteFile(root.Nodes, Path.Combine(output, RootArchive), epoch, gzip: false);
        RootTarWriter.WriteFile(cd.Nodes, Path.Combine(output, UsrArchive), epoch, gzip: false);
        Log.Information(
            "Mutable root: {RootCount:N0} entries, {RootSize:N0} bytes of files; CD /usr: {CdCount:N0} entries, {CdSize:N0} bytes; {Moved} moved to /usr/root, {Dropped} dropped",
            root.Count,
            root.Nodes.Sum(n => n.Size),
            cd.Count,
            cd.Nodes.Sum(n => n.Size),
            report.Moved.Count,
            report.Dropped
        );
        return Task.CompletedTask;
    }
}
