using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.RootFs;

namespace XenDemoCD.Build.Unpacking;

/// <summary>One line of <c>root.metadata</c>: everything a POSIX file system records about a path.</summary>
public sealed record MetadataEntry(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("uid")] int Uid,
    [property: JsonPropertyName("gid")] int Gid,
    [property: JsonPropertyName("mtime")] long MTime,
    [property: JsonPropertyName("link")] string? Link,
    [property: JsonPropertyName("major")] int Major,
    [property: JsonPropertyName("minor")] int Minor,
    [property: JsonPropertyName("onDisk")] bool OnDisk
)
{
    public NodeKind NodeKind => Enum.Parse<NodeKind>(Kind, ignoreCase: true);

    public UnixFileMode Permissions => (UnixFileMode)Convert.ToInt32(Mode, 8);

    public static MetadataEntry Of(RootNode node, bool onDisk) =>
        new(
            node.Path,
            node.Kind.ToString().ToLowerInvariant(),
            Convert.ToString((int)node.Mode, 8).PadLeft(4, '0'),
            node.Uid,
            node.Gid,
            node.MTime,
            node.LinkTarget,
            node.DevMajor,
            node.DevMinor,
            onDisk
        );
}

/// <summary>
/// <c>root.metadata</c>, next to <c>root/</c>: the exact metadata of every entry of the unpacked
/// root, one JSON object a line (paths may hold any byte but NUL and '/'), so owners, devices and
/// modes survive an unpack without root. <c>onDisk</c> is false for what the unpacking user could
/// not create (device nodes without CAP_MKNOD): such entries stay in the root even though
/// <c>root/</c> lacks them.
/// </summary>
public static class RootMetadataTable
{
    public const string FileName = "root.metadata";

    private const string Header =
        "# XenDemoCD unpacked root: exact metadata of root/ (one JSON object a line). The rebuild takes owners from here unless run as root, devices always; edit root/ and leave this file alone.";

    /// <summary>Whether Unpack gave root/ its real owners (it ran as root): then a later chown in root/ is meant.</summary>
    private const string OwnersRestoredLine = "# owners restored in root/: ";

    public static void Write(string file, IEnumerable<MetadataEntry> entries, bool ownersRestored)
    {
        using var writer = new StreamWriter(file, false, new System.Text.UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(Header);
        writer.WriteLine(OwnersRestoredLine + (ownersRestored ? "yes" : "no"));
        foreach (var entry in entries.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            writer.WriteLine(JsonSerializer.Serialize(entry));
        }
    }

    public static Dictionary<string, MetadataEntry> Read(string file) =>
        ReadWithOwners(file).Entries;

    public static (Dictionary<string, MetadataEntry> Entries, bool OwnersRestored) ReadWithOwners(
        string file
    )
    {
        var entries = new Dictionary<string, MetadataEntry>(StringComparer.Ordinal);
        var number = 0;
        var ownersRestored = false;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (line.StartsWith(OwnersRestoredLine, StringComparison.Ordinal))
            {
                ownersRestored = line[OwnersRestoredLine.Length..].Trim() == "yes";
            }
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            MetadataEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<MetadataEntry>(line);
                _ = entry?.NodeKind;
                _ = entry?.Permissions;
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
            {
                throw new InputFileException(
                    $"{file}:{number.ToString(CultureInfo.InvariantCulture)}",
                    $"not a metadata entry ({e.Message})",
                    "restore the line from a fresh Unpack, or delete it to take the path's metadata from disk"
                );
            }
            if (entry is not null)
            {
                entries[entry.Path] = entry;
            }
        }
        return (entries, ownersRestored);
    }
}
