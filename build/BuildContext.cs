using Cake.Core;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Testing;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build;

/// <summary>
/// What every task gets: the Cake context (for Cake.Common aliases), the parsed settings, the
/// paths, the plan, and ways to run tools. Computed once from the command line.
/// </summary>
public sealed class BuildContext(
    ICakeContext cake,
    BuildSettings settings,
    BuildPaths paths,
    HostServices<BuildContext> host
) : CakeContextAdapter(cake)
{
    public BuildSettings Settings { get; } = settings;

    /// <summary>Test results of this run, added up for the one closing line of the Test target.</summary>
    public TestTally Tally { get; } = new();

    public BuildPaths Paths { get; } = paths;

    public ExecutionPlan<BuildContext> Plan => host.Plan;

    public TaskOutcomes Outcomes => host.Outcomes;

    public bool DryRun => host.DryRun;

    public CancellationToken Cancellation => host.Cancellation.Graceful;

    /// <summary>What the Xen and Linux compiles take from this run.</summary>
    public CompileSettings CompileSettings =>
        new(Settings.SourceDateEpoch, Paths.Ccache, Paths.Out);

    private Task<CompileFarm>? farm;

    /// <summary>
    /// A compile of <paramref name="task"/> through the distcc hosts of <c>--distcc</c> that
    /// passed their checks (none: a local compile). The hosts are checked once a run, when the
    /// first compile asks, so a host that is down is warned about once.
    /// </summary>
    /// <param name="macrosOnHost">see <see cref="FarmCompile"/></param>
    public async Task<FarmCompile> FarmCompileAsync(string task, bool macrosOnHost) =>
        new(
            await (
                farm ??= CompileFarm.PrepareAsync(
                    Settings.Distcc,
                    ToolsFor(task),
                    Path.Combine(Paths.Work, "distcc-probe")
                )
            ),
            Settings.Jobs,
            Path.Combine(Paths.StageWork(task), "distcc"),
            macrosOnHost
        );

    /// <summary>What a compile stage needs beyond its own tools when <c>--distcc</c> names hosts.</summary>
    public IReadOnlyList<HostTool> FarmTools =>
        Settings.Distcc.Count > 0 ? HostTools.DistccCompile : [];

    public ToolRunner ToolsFor(string task) =>
        new(task, host.Cancellation.Graceful, host.Cancellation.Forceful);

    public static BuildContext Create(HostServices<BuildContext> host) =>
        Create(host, BuildPaths.FindRoot());

    public static BuildContext Create(HostServices<BuildContext> host, string root)
    {
        var arguments = host.Arguments;
        var paths = new BuildPaths(
            root,
            Path.GetFullPath(arguments.Get(BuildOptions.Out.Name) ?? Path.Combine(root, "out")),
            Path.GetFullPath(
                arguments.Get(BuildOptions.Cache.Name) ?? BuildPaths.DefaultCacheFor(root)
            )
        );
        return new BuildContext(host.Cake, BuildSettings.From(arguments, root), paths, host);
    }

    /// <summary>
    /// The log directory of a real run, under <c>--out</c>. The log is the first thing a run
    /// writes there, so this is where the output directory is made, and marked as the build's.
    /// </summary>
    public static string LogDirectoryFor(ParsedArguments arguments)
    {
        var output = Path.GetFullPath(
            arguments.Get(BuildOptions.Out.Name) ?? Path.Combine(BuildPaths.FindRoot(), "out")
        );
        OutputDirectory.Prepare(output);
        return Path.Combine(output, "logs");
    }
}
