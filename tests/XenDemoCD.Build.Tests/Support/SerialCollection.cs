namespace XenDemoCD.Build.Tests.Support;

/// <summary>
/// Tests that run the build host share Serilog's global logger and process-wide signal state,
/// so they run one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Build host (serial)";
}
