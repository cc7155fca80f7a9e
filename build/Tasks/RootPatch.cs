using System.Globalization;
using System.Text;
using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The files that differ from stock Debian, copied over the base root from <c>rootpatch/</c>
/// (owners and modes from <c>rootpatch.permissions</c>), plus what the settings decide: root's
/// password (stored only as a yescrypt hash, see <see cref="RootPassword"/>) and an authorized
/// ssh key. Logs each stock file it replaced, as README.CD warns that rootpatch wins.
/// </summary>
[TaskName(nameof(RootPatch))]
[TaskDescription("Copies rootpatch/ over the base root, sets root's password and ssh key")]
[IsDependentOn(typeof(RootBootstrap))]
public sealed class RootPatch : StageTask
{
    public override IEnumerable<InputCheck> InputChecks(BuildContext context)
    {
        var permissions = context.Paths.InRoot("rootpatch.permissions");
        yield return new(permissions, () => PermissionTable.Load(permissions));
        if (context.Settings.SshKeyFile is { } key)
        {
            yield return new(key, () => PublicKeyFile.Check(key));
        }
    }

    public const string Archive = "root.tar";

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [HostTools.Mkpasswd];

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        await AddUpstreamAsync<RootBootstrap>(context, manifest);
        manifest.AddTree("rootpatch", context.Paths.InRoot("rootpatch"));
        manifest.AddFile("rootpatch.permissions", context.Paths.InRoot("rootpatch.permissions"));
        manifest.Add("version-id", context.Settings.VersionId);
        manifest.Add("builder", context.Settings.Builder);
        manifest.Add(
            "root password (sha256)",
            StageManifest.Sha256Hex(Encoding.UTF8.GetBytes(context.Settings.RootPassword))
        );
        if (context.Settings.SshKeyFile is { } key)
        {
            manifest.AddFile("ssh key", key);
        }
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var epoch = context.Settings.SourceDateEpoch;
        var tree = RootTarReader.Read(
            Path.Combine(new RootBootstrap().OutputOf(context).Path, RootBootstrap.Archive)
        );
        var overlay = new RootOverlay(
            context.Paths.InRoot("rootpatch"),
            PermissionTable.Load(context.Paths.InRoot("rootpatch.permissions")),
            new Dictionary<string, string>
            {
                ["XENDEMO_VERSION"] = context.Settings.VersionId,
                ["XENDEMO_BUILDER"] = context.Settings.Builder,
            }
        );
        var replaced = overlay.ApplyTo(tree, epoch);
        foreach (var path in replaced)
        {
            Log.Information("rootpatch replaces stock {Path}", path);
        }
        await RootPassword.SetAsync(
            tree,
            await RootPassword.HashAsync(
                context.ToolsFor(Name),
                context.Settings.RootPassword,
                epoch,
                context.Settings.VersionId
            ),
            epoch
        );
        if (context.Settings.SshKeyFile is { } key)
        {
            PublicKeyFile.AuthorizeForRoot(tree, key, epoch);
            Log.Information("Authorized {Key} for root", key);
        }
        tree.AddMissingParents(epoch);
        RootTarWriter.WriteFile(tree.Nodes, Path.Combine(output, Archive), epoch, gzip: false);
        Log.Information(
            "Root: {Count:N0} entries, {Replaced} stock files replaced",
            tree.Count,
            replaced.Count
        );
    }
}
