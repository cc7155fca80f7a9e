using System.Globalization;
using Serilog;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// mmdebstrap for the base root: a tarball (which keeps owners and device nodes even without
/// root: as root it runs in mode root, otherwise in a user namespace) of the suite and packages
/// of <c>usr-layout/bootstrap.json</c>, from the apt sources given as deb822 stanzas. The same
/// arguments serve <see cref="SimulateAsync"/>, so what it resolves is what the bootstrap installs.
/// </summary>
public sealed class Mmdebstrap(ToolRunner tools, BootstrapConfig config, string sources)
{
    // deb822 stanzas: apt reads a file as deb822 by its .sources suffix.
    private const string SourcesFileName = "sources.list.sources";

    /// <summary>
    /// One <c>mmdebstrap --simulate</c> of <paramref name="packages"/> in
    /// <paramref name="scratch"/>: the resolved packages, or null when apt failed; and every line
    /// it printed (apt's errors, for the caller to explain).
    /// </summary>
    public async Task<(ResolvedPackages? Resolved, List<string> Lines)> SimulateAsync(
        IReadOnlyList<string> packages,
        string scratch
    )
    {
        Directory.CreateDirectory(scratch);
        var sourcesFile = Path.Combine(scratch, SourcesFileName);
        await File.WriteAllTextAsync(sourcesFile, sources);
        var lines = new List<string>();
        try
        {
            await tools.RunAsync(
                HostTools.Mmdebstrap,
                c =>
                    c.WithArguments([
                            "--simulate",
                            // apt's output, with its Inst lines, only shows when verbose.
                            "--verbose",
                            .. Arguments(packages, Path.Combine(scratch, "base.tar"), sourcesFile),
                        ])
                        .WithEnvironmentVariables(e => e.Set("TMPDIR", Path.GetTempPath())),
                line =>
                {
                    lock (lines)
                    {
                        lines.Add(line);
                    }
                }
            );
        }
        catch (ToolFailedException)
        {
            return (null, lines);
        }
        return (ResolvedPackages.FromSimulation(lines), lines);
    }

    /// <summary>Bootstraps <paramref name="packages"/> into the tarball <paramref name="archive"/>, every time stamped <paramref name="epoch"/> where dpkg allows.</summary>
    public async Task BootstrapAsync(IReadOnlyList<string> packages, string archive, long epoch)
    {
        // Beside the archive, under the name the simulation uses too; removed when done.
        var sourcesFile = Path.Combine(Path.GetDirectoryName(archive)!, SourcesFileName);
        await File.WriteAllTextAsync(sourcesFile, sources);
        using var progress = new StepProgress("mmdebstrap", ProgressUnit.Of("phases"));
        var scratch = BootstrapScratch.Choose();
        Log.Information("mmdebstrap unpacks the root in {Scratch}", scratch);
        await tools.RunAsync(
            HostTools.Mmdebstrap,
            c =>
                c.WithArguments(Arguments(packages, archive, sourcesFile))
                    .WithEnvironmentVariables(e =>
                        e.Set("SOURCE_DATE_EPOCH", epoch.ToString(CultureInfo.InvariantCulture))
                            .Set("TMPDIR", scratch)
                    ),
            line =>
            {
                if (line.StartsWith("I: ", StringComparison.Ordinal))
                {
                    Log.Information("mmdebstrap: {Step:l}", line[3..]);
                }
                if (MmdebstrapPhases.Parse(line) is { } phase)
                {
                    progress.Report(phase.Number, MmdebstrapPhases.Count, phase.Name);
                }
            }
        );
        File.Delete(sourcesFile);
    }

    private List<string> Arguments(
        IReadOnlyList<string> packages,
        string archive,
        string sourcesFile
    )
    {
        var arguments = new List<string>
        {
            $"--mode={(Environment.IsPrivilegedProcess ? "root" : "unshare")}",
            $"--variant={config.Variant}",
            "--format=tar",
            $"--include={string.Join(',', packages)}",
        };
        arguments.AddRange(config.ExcludePaths.Select(p => $"--dpkgopt=path-exclude={p}"));
        arguments.AddRange(config.IncludePaths.Select(p => $"--dpkgopt=path-include={p}"));
        arguments.AddRange([config.Suite, archive, sourcesFile]);
        return arguments;
    }
}
