using XenDemoCD.Build.Host;

namespace XenDemoCD.Build;

/// <summary>
/// The <c>--out</c> directory as Clean may empty it. The build marks the directory when it makes
/// it (<see cref="MarkerName"/>), so Clean can tell its own output from a checkout, a home or any
/// directory <c>--out</c> names by mistake, and removes only the entries the build writes there.
/// </summary>
public static class OutputDirectory
{
    public const string MarkerName = ".xendemocd-out";

    /// <summary>What the build writes under <c>--out</c> besides its logs (and the ISO links).</summary>
    private static readonly string[] BuildEntries =
    [
        "stages",
        "work",
        "boot-test",
        "run",
        "test-results",
    ];

    /// <summary>
    /// Makes <paramref name="path"/> with its marker when it does not exist yet (or is empty): the
    /// first thing a run writes there is its log. A directory with content of unknown origin is
    /// left unmarked.
    /// </summary>
    public static void Prepare(string path) =>
        MarkedDirectory.Prepare(
            path,
            MarkerName,
            "This directory is XenDemoCD's build output: ./build.sh --target=Clean empties it.\n"
        );

    /// <summary>The entries Clean removes: the build's own, never the logs or anything else.</summary>
    public static IReadOnlyList<FileSystemInfo> BuildOutputs(BuildPaths paths)
    {
        var directory = new DirectoryInfo(paths.Out);
        return
        [
            .. directory
                .EnumerateFileSystemInfos()
                .Where(e =>
                    e.FullName != paths.Cache
                    && (
                        BuildEntries.Contains(e.Name, StringComparer.Ordinal)
                        || (
                            e.Name.StartsWith("xendemo-", StringComparison.Ordinal)
                            && e.Name.Contains(".iso", StringComparison.Ordinal)
                        )
                    )
                )
                .OrderBy(e => e.Name, StringComparer.Ordinal),
        ];
    }

    /// <summary>Throws unless <paramref name="paths"/>' output directory is the build's to empty.</summary>
    public static void CheckCleanable(BuildPaths paths)
    {
        var output = Normalize(paths.Out);
        var checkout = Normalize(paths.Root);
        var home = Normalize(HomePath.Expand("~"));
        if (output == checkout || IsAncestor(output, checkout))
        {
            throw new CleanRefusedException(
                $"--out={paths.Out} is the checkout {paths.Root}{(output == checkout ? "" : " or holds it")}; Clean would remove the build system itself. Give the build's output directory (the default is {Path.Combine(paths.Root, "out")})."
            );
        }
        if (output == home || IsAncestor(output, home))
        {
            throw new CleanRefusedException(
                $"--out={paths.Out} is your home directory{(output == home ? "" : " or holds it")}; Clean never empties it. Give the build's output directory (the default is {Path.Combine(paths.Root, "out")})."
            );
        }
        if (!File.Exists(Path.Combine(paths.Out, MarkerName)))
        {
            throw new CleanRefusedException(
                $"--out={paths.Out} has no {MarkerName}: the build did not make it (or made it before it marked its output directories), so Clean leaves it alone. If it is a build output, remove it yourself (rm -rf '{paths.Out}'); the next build makes it again, marked."
            );
        }
    }

    private static string Normalize(string path) =>
        Path.GetFullPath(path).TrimEnd('/') is { Length: > 0 } p ? p : "/";

    private static bool IsAncestor(string directory, string of) =>
        directory == "/" ? of != "/" : of.StartsWith(directory + "/", StringComparison.Ordinal);
}

/// <summary>Clean was pointed at a directory it must not empty; the message says which and why.</summary>
public sealed class CleanRefusedException(string message) : Exception(message), IExpectedFailure;
