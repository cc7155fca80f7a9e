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
                changes.Add($"new input '{name}'");
            }
            else if (old != value)
            {
                changes.Add($"input '{name}' changed ({Short(old)} → {Short(value)})");
            }
        }
        changes.AddRange(
            previous
                .inputs.Keys.Where(name => !inputs.ContainsKey(name))
                .Select(name => $"input '{name}' removed")
        );
        return changes;
    }

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

    public static string Sha256OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
