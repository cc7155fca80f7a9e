using XenDemoCD.Build.Host;
using XenDemoCD.Build.Testing;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// The fast tests: every xunit test not in the integration tier (no network, no compile, no
/// bootstrap, no QEMU), for the edit–test loop. Each test project lists the Debian packages its
/// tests run (xorriso, cpio, shellcheck, …) in <c>REQUIRED-DEBIAN-PACKAGES</c>.
/// </summary>
[TaskName(nameof(UnitTests))]
[TaskDescription("The fast xunit tests: no network, compile, bootstrap or QEMU (seconds)")]
[IsDependentOn(typeof(Prerequisites))]
public sealed class UnitTests : BuildTask<BuildContext>
{
    public const string PackageListName = "REQUIRED-DEBIAN-PACKAGES";

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [HostTools.Dotnet, .. ListedPackages(context).Select(HostTool.Package)];

    public override Task RunAsync(BuildContext context) =>
        TestTier.Unit.RunAsync(
            context.ToolsFor(nameof(UnitTests)),
            SetupFor(context, nameof(UnitTests)),
            new Dictionary<string, string>()
        );

    /// <summary>A tier's run in this build: its checkout, output, cache, filter and report line.</summary>
    public static TestRunSetup SetupFor(BuildContext context, string task) =>
        new(
            context.Paths.Root,
            context.Paths.Out,
            context.Paths.Cache,
            context.Settings.TestFilter,
            context.Tally,
            line => context.Outcomes.Note(task, line)
        );

    /// <summary>The Debian packages the test projects list.</summary>
    public static IEnumerable<string> ListedPackages(BuildContext context)
    {
        var tests = context.Paths.InRoot("tests");
        if (!Directory.Exists(tests))
        {
            return [];
        }
        return Directory
            .GetFiles(tests, PackageListName, SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .Distinct();
    }
}
