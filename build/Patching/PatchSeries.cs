using Serilog;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Patching;

/// <summary>
/// Numbered patches applied in order (<c>patches/*.patch</c>, or the files a <c>series</c> file
/// lists). A patch that does not apply stops the build naming the patch and the failing hunk.
/// </summary>
public sealed class PatchSeries
{
    private PatchSeries(IReadOnlyList<string> patches) => Patches = patches;

    public IReadOnlyList<string> Patches { get; }

    /// <summary>Every <c>*.patch</c> / <c>*.diff</c> in the directory, in name order (none if it does not exist).</summary>
    public static PatchSeries FromDirectory(string directory) =>
        new(
            Directory.Exists(directory)
                ? Directory
                    .GetFiles(directory)
                    .Where(f =>
                        f.EndsWith(".patch", StringComparison.Ordinal)
                        || f.EndsWith(".diff", StringComparison.Ordinal)
                    )
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : []
        );

    /// <summary>The patches a quilt-style <c>series</c> file lists (comments and blank lines ignored).</summary>
    public static PatchSeries FromSeriesFile(string seriesFile)
    {
        if (!File.Exists(seriesFile))
        {
            return new PatchSeries([]);
        }
        var directory = Path.GetDirectoryName(seriesFile)!;
        var patches = new List<string>();
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(seriesFile))
        {
            lineNumber++;
            var name = raw.Split('#')[0].Trim();
            if (name.Length == 0)
            {
                continue;
            }
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                throw new InputFileException(
                    seriesFile,
                    $"'{name}' is listed but there is no file {path}",
                    "add the patch or remove the line",
                    lineNumber,
                    "patch"
                );
            }
            patches.Add(path);
        }
        return new PatchSeries(patches);
    }

    public async Task ApplyAsync(string sourceTree, ToolRunner tools, string task)
    {
        foreach (var patch in Patches)
        {
            Log.Information("Applying {Patch}", Path.GetFileName(patch));
            var failed = new List<string>();
            try
            {
                await tools
                    .RunAsync(
                        HostTools.Patch,
                        c =>
                            c.WithArguments([
                                    "-p1",
                                    "--forward",
                                    "--batch",
                                    "--no-backup-if-mismatch",
                                    "-i",
                                    patch,
                                ])
                                .WithWorkingDirectory(sourceTree),
                        line =>
                        {
                            if (
                                line.Contains("FAILED", StringComparison.Ordinal)
                                || line.Contains("can't find file", StringComparison.Ordinal)
                                || line.Contains("Reversed", StringComparison.Ordinal)
                            )
                            {
                                failed.Add(line.Trim());
                            }
                        }
                    )
                    .ConfigureAwait(false);
            }
            catch (ToolFailedException e)
            {
                throw new PatchFailedException(
                    task,
                    patch,
                    failed.Count > 0 ? failed : e.LastLines,
                    e
                );
            }
        }
    }
}
