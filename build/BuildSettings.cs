using System.Globalization;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build;

/// <summary>The settings of this run, parsed and checked once; frozen afterwards.</summary>
public sealed record BuildSettings(
    int Jobs,
    bool ForceAll,
    IReadOnlySet<string> ForcedTasks,
    long SourceDateEpoch,
    string SourceDateEpochOrigin,
    string VersionId,
    string Builder,
    string RootPassword,
    string? SshKeyFile
)
{
    /// <summary>Whether the kernel is compiled or taken from Debian (<c>--kernel</c>).</summary>
    public ImageOrigin Kernel { get; init; } = ImageOrigin.Compiled;

    /// <summary>Whether the hypervisor is compiled or taken from Debian (<c>--hypervisor</c>).</summary>
    public ImageOrigin Hypervisor { get; init; } = ImageOrigin.Compiled;

    public bool IsForced(string task) => ForceAll || ForcedTasks.Contains(task);

    public DateTimeOffset SourceDate => DateTimeOffset.FromUnixTimeSeconds(SourceDateEpoch);

    public static BuildSettings From(ParsedArguments arguments, string root)
    {
        var (epoch, origin) = ReadSourceDateEpoch(arguments, root);
        var force = arguments.Get(BuildOptions.Force.Name);
        var forceAll = force is "true" or "all" or "";
        var forced =
            forceAll || force is null
                ? new HashSet<string>(StringComparer.OrdinalIgnoreCase)
                : force
                    .Split(
                        ',',
                        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
                    )
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sshKey = arguments.Get(BuildOptions.SshKey.Name) is { } key
            ? Path.GetFullPath(key)
            : null;
        if (sshKey is not null && !File.Exists(sshKey))
        {
            throw new CommandLineException(
                $"--ssh-key={sshKey}: no such file; give the path of a public key (e.g. ~/.ssh/id_ed25519.pub)."
            );
        }
        return new BuildSettings(
            ReadJobs(arguments),
            forceAll,
            forced,
            epoch,
            origin,
            arguments.Get(BuildOptions.VersionId.Name) ?? GitInfo.Describe(root) ?? "unversioned",
            arguments.Get(BuildOptions.Builder.Name) ?? GitInfo.UserName(root) ?? "unknown",
            arguments.Get(BuildOptions.RootPassword.Name) ?? "xendemo",
            sshKey
        )
        {
            Kernel = ReadOrigin(arguments, BuildOptions.Kernel),
            Hypervisor = ReadOrigin(arguments, BuildOptions.Hypervisor),
        };
    }

    private static ImageOrigin ReadOrigin(ParsedArguments arguments, CommandLineOption option) =>
        arguments.Get(option.Name)?.ToLowerInvariant() switch
        {
            null or "compiled" => ImageOrigin.Compiled,
            "debian" => ImageOrigin.Debian,
            var other => throw new CommandLineException(
                $"Argument '--{option.Name}={other}': expected 'compiled' or 'debian' ({option.Help})."
            ),
        };

    private static int ReadJobs(ParsedArguments arguments)
    {
        var value = arguments.Get(BuildOptions.Jobs.Name);
        if (value is null)
        {
            return Environment.ProcessorCount;
        }
        if (
            !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var jobs)
            || jobs < 1
        )
        {
            throw new CommandLineException(
                $"Argument '--jobs={value}': expected a whole number of 1 or more (this machine has {Environment.ProcessorCount} cores)."
            );
        }
        return jobs;
    }

    private static (long Epoch, string Origin) ReadSourceDateEpoch(
        ParsedArguments arguments,
        string root
    )
    {
        var given = arguments.Get(BuildOptions.SourceDateEpoch.Name);
        if (given is not null)
        {
            return (ParseEpoch(given, "--source-date-epoch"), "--source-date-epoch");
        }
        var environment = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (!string.IsNullOrEmpty(environment))
        {
            return (ParseEpoch(environment, "SOURCE_DATE_EPOCH"), "SOURCE_DATE_EPOCH");
        }
        if (GitInfo.CommitTime(root) is { } commit)
        {
            return (commit, "last commit");
        }
        // Not a git checkout (e.g. an unpacked CD without its record): a fixed, documented time
        // keeps outputs reproducible rather than stamping them with the clock.
        return (0, "default (no git history; give --source-date-epoch)");
    }

    private static long ParseEpoch(string value, string origin) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? epoch
            : throw new CommandLineException(
                $"{origin}='{value}' is not a time in seconds since 1970 (e.g. 1700000000; `git log -1 --format=%ct` prints one)."
            );
}
