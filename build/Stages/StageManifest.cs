using System.Security.Cryptography;
using System.Text;

namespace XenDemoCD.Build.Stages;

/// <summary>
/// Exactly the inputs that decide a stage's output: settings, file and tree hashes, tool
/// versions, and the manifests of the stages it builds on. Same manifest → same output, so the
/// stage is skipped; a different one says which inputs changed.
/// </summary>
public sealed class StageManifest
{
    private readonly SortedDictionary<string, string> inputs = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Inputs => inputs;

    public string Hash => Sha256Hex(Encoding.UTF8.GetBytes(Serialize()));

    public StageManifest Add(string name, string value)
    {
        if (name.Contains('=') || name.Contains('\n') || value.Contains('\n'))
        {
            throw new ArgumentException($"Manifest input '{name}' must be one line without '='.");
        }
        inputs[name] = value;
        return this;
    }

    public StageManifest AddFile(string name, string path) =>
        Add(name, File.Exists(path) ? Sha256Hex(File.ReadAllBytes(path)) : "(missing)");

    /// <summary>A tree's relative paths, kinds, executable bits, link targets and contents.</summary>
    public StageManifest AddTree(string name, string directory) =>
        Add(name, Directory.Exists(directory) ? TreeHash(directory) : "(missing)");

    public StageManifest AddUpstream(string stage, StageManifest upstream) =>
        Add($"stage:{stage}", upstream.Hash);

    /// <summary>A package an output is made of, with its exact version (e.g. what mmdebstrap installs).</summary>
    public StageManifest AddPackage(string package, string version) =>
        Add(PackagePrefix + package, version);

    /// <summary>The packages added with <see cref="AddPackage"/>, name → version.</summary>
    public IReadOnlyDictionary<string, string> Packages =>
        inputs
            .Where(p => p.Key.StartsWith(PackagePrefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[PackagePrefix.Length..], p => p.Value, StringComparer.Ordinal);

    private const string PackagePrefix = "package:";

    public string Serialize() =>
        string.Concat(inputs.Select(pair => $"{pair.Key} = {pair.Value}\n"));

    public static StageManifest Parse(string text)
    {
        var manifest = new StageManifest();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf(" = ", StringComparison.Ordinal);
            if (separator > 0)
            {
                manifest.inputs[line[..separator]] = line[(separator + 3)..];
            }
        }
        return manifest;
    }

    /// <summary>Why this manifest differs from the one of the last successful run, for the log.</summary>
    public IReadOnlyList<string> DifferencesFrom(StageManifest previous)
    {
        var changes = new List<string>();
        foreach (var (name, value) in inputs)
        {
            if (!previous.inputs.TryGetValue(name, out var old))
            {
                changes.Add(
                    IsPackage(name)
                        ? $"new package {name[PackagePrefix.Length..]} {value}"
                        : $"new input '{name}'"
                );
            }
            else if (old != value)
            {
                // A version is the news itself, so it is shown whole: "openssl 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1".
                changes.Add(
                    IsPackage(name)
                        ? $"{name[PackagePrefix.Length..]} {old} → {value}"
                        : $"input '{name}' changed ({Short(old)} → {Short(value)})"
                );
            }
        }
        changes.AddRange(
            previous
                .inputs.Where(pair => !inputs.ContainsKey(pair.Key))
                .Select(pair =>
                    IsPackage(pair.Key)
                        ? $"package {pair.Key[PackagePrefix.Length..]} {pair.Value} removed"
                        : $"input '{pair.Key}' removed"
                )
        );
        return changes;
    }

    private static bool IsPackage(string name) =>
        name.StartsWith(PackagePrefix, StringComparison.Ordinal);

    private static string Short(string value) => value.Length > 16 ? value[..12] + "…" : value;

    private static string TreeHash(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var root = new DirectoryInfo(directory);
        var entries = root.EnumerateFileSystemInfos(
                "*",
                new EnumerationOptions
                {
                    RecurseSubdirectories = true,
                    AttributesToSkip = 0,
                    IgnoreInaccessible = false,
                }
            )
            .OrderBy(e => Path.GetRelativePath(directory, e.FullName), StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var relative = Path.GetRelativePath(directory, entry.FullName);
            string description = entry switch
            {
                _ when entry.LinkTarget is { } target => $"L {relative} -> {target}",
                DirectoryInfo => $"D {relative}",
                FileInfo file =>
                    $"F {relative} {(IsExecutable(file) ? "x" : "-")} {Sha256Hex(File.ReadAllBytes(file.FullName))}",
                _ => $"? {relative}",
            };
            hash.AppendData(Encoding.UTF8.GetBytes(description + "\n"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool IsExecutable(FileInfo file) =>
        !OperatingSystem.IsWindows() && (file.UnixFileMode & UnixFileMode.UserExecute) != 0;

    public static string Sha256Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
