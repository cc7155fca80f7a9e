using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tasks;

/// <summary>What <c>./build.sh</c> builds: the ISO.</summary>
[TaskName(nameof(Default))]
[TaskDescription("Builds the CD: out/xendemo-<version>.iso")]
[IsDependentOn(typeof(MasterIso))]
public sealed class Default : BuildTask<BuildContext>
{
    public override string? Result(BuildContext context) => MasterIso.PublishedIso(context);
}
