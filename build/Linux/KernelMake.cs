using System.Globalization;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Linux;

/// <summary>
/// <c>make</c> in the Linux tree, out of tree (<c>O=</c>) so the object tree lives under
/// <c>out/work/</c> between runs, with a reproducible environment and ccache when installed.
/// </summary>
public sealed class KernelMake(
    CompileSettings settings,
    ToolRunner tools,
    string source,
    string objects
)
{
    /// <summary>The arguments every call shares; part of the manifests of the kernel stages.</summary>
    public static IReadOnlyList<string> CommonArguments(string source, string objects) =>
        ["-C", source, $"O={objects}", "ARCH=x86_64"];

    public string Objects { get; } = objects;

    /// <param name="farm">the distcc hosts the compile's files go to (<c>--distcc</c>); none: all here</param>
    public Task RunAsync(
        IEnumerable<string> arguments,
        Action<string>? onLine = null,
        FarmCompile? farm = null
    )
    {
        var environment = Environment(settings);
        farm?.AddTo(environment);
        return tools.RunAsync(
            HostTools.Make,
            c =>
                c.WithArguments([.. CommonArguments(source, Objects), .. arguments])
                    .WithEnvironmentVariables(e => e.Set(environment)),
            onLine
        );
    }

    /// <summary>The kernel release string (<c>6.1.192</c> and any local version) of the configured tree.</summary>
    public async Task<string> ReleaseAsync()
    {
        var output = await tools
            .CaptureAsync(
                HostTools.Make,
                c =>
                    c.WithArguments([.. CommonArguments(source, Objects), "-s", "kernelrelease"])
                        .WithEnvironmentVariables(e => e.Set(Environment(settings)))
            )
            .ConfigureAwait(false);
        return output.Trim();
    }

    /// <summary>
    /// What kbuild stamps into the image (<c>uname -v</c>, the build user and host) comes from
    /// SOURCE_DATE_EPOCH and fixed names, not from this machine and its clock.
    /// </summary>
    public static Dictionary<string, string?> Environment(CompileSettings settings)
    {
        var environment = CompilerSetup.Environment(settings);
        environment["KBUILD_BUILD_TIMESTAMP"] = CompilerSetup.BuildDate(settings);
        environment["KBUILD_BUILD_USER"] = "xendemocd";
        environment["KBUILD_BUILD_HOST"] = "xendemocd";
        environment["KBUILD_BUILD_VERSION"] = "1";
        return environment;
    }
}
