using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tasks;

/// <summary>What <c>./build.sh</c> builds: the ISO, through every stage implemented so far.</summary>
[TaskName(nameof(Default))]
[TaskDescription("Builds the CD (so far: the stages up to the hypervisor and the kernel)")]
[IsDependentOn(typeof(HypervisorImage))]
[IsDependentOn(typeof(KernelImage))]
public sealed class Default : BuildTask<BuildContext>;
