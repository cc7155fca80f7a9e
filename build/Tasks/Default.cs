using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tasks;

/// <summary>What <c>./build.sh</c> builds: the ISO, through every stage implemented so far.</summary>
[TaskName(nameof(Default))]
[TaskDescription("Builds the CD (so far: hypervisor, kernel and root filesystem stages)")]
[IsDependentOn(typeof(HypervisorImage))]
[IsDependentOn(typeof(KernelImage))]
[IsDependentOn(typeof(RootTarball))]
public sealed class Default : BuildTask<BuildContext>;
