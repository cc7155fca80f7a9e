using System.Globalization;

namespace XenDemoCD.Iso9660;

/// <summary>
/// One line of a permission table: what a build without root cannot put on disk (owners,
/// setuid bits, device nodes). Null fields keep what the tree already has.
/// </summary>
/// <param name="Path">The entry's path in the image, '/'-separated.</param>
/// <param name="Kind">
/// The entry's type: a device, fifo or socket is created (or replaces what is there), a
/// directory is created if missing, any other type must match the existing entry; null keeps it.
/// </param>
/// <param name="Permissions">The permission bits (07777, setuid/setgid/sticky included); null keeps them.</param>
/// <param name="Uid">The owner's user id; null keeps it.</param>
/// <param name="Gid">The owner's group id; null keeps it.</param>
/// <param name="Major">A device's major number (Rock Ridge PN); 0 otherwise.</param>
/// <param name="Minor">A device's minor number (Rock Ridge PN); 0 otherwise.</param>
public sealed record MetadataOverride(
    string Path,
    EntryKind? Kind = null,
    uint? Permissions = null,
    uint? Uid = null,
    uint? Gid = null,
    uint Major = 0,
    uint Minor = 0
)
{
    /// <summary>
    /// Parses a Buildroot-style table, one entry per line:
    /// <c>path type mode uid gid [major minor]</c> where type is f d l c b p s or '-' (keep),
    /// mode is octal or '-', uid/gid numbers or '-'. '#' starts a comment.
    /// </summary>
    public static IReadOnlyList<MetadataOverride> ParseTable(TextReader reader)
    {
        var result = new List<MetadataOverride>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Split('#', 2)[0].Trim();
            if (text.Length == 0)
            {
                continue;
            }
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is not (5 or 7))
            {
                throw new FormatException(
                    $"line {lineNumber}: expected 'path type mode uid gid [major minor]'"
                );
            }
            result.Add(
                new MetadataOverride(
                    fields[0],
                    fields[1] switch
                    {
                        "-" => null,
                        "f" => EntryKind.File,
                        "d" => EntryKind.Directory,
                        "l" => EntryKind.Symlink,
                        "c" => EntryKind.CharacterDevice,
                        "b" => EntryKind.BlockDevice,
                        "p" => EntryKind.Fifo,
                        "s" => EntryKind.Socket,
                        _ => throw new FormatException(
                            $"line {lineNumber}: unknown type '{fields[1]}'"
                        ),
                    },
                    fields[2] == "-" ? null : Convert.ToUInt32(fields[2], 8),
                    Number(fields[3]),
                    Number(fields[4]),
                    fields.Length == 7 ? Number(fields[5]) ?? 0 : 0,
                    fields.Length == 7 ? Number(fields[6]) ?? 0 : 0
                )
            );
        }
        return result;

        uint? Number(string field) =>
            field == "-" ? null : uint.Parse(field, CultureInfo.InvariantCulture);
    }
}

public sealed partial class IsoTree
{
    /// <summary>
    /// Applies a permission table. A device, fifo or socket line creates (or replaces) that
    /// node; any other line changes the metadata of an entry that must already exist.
    /// </summary>
    public void Apply(IEnumerable<MetadataOverride> overrides)
    {
        foreach (var o in overrides)
        {
            var existing = Find(o.Path);
            var baseMetadata = existing?.Metadata ?? new PosixMetadata();
            var metadata = baseMetadata with
            {
                Permissions = o.Permissions ?? baseMetadata.Permissions,
                Uid = o.Uid ?? baseMetadata.Uid,
                Gid = o.Gid ?? baseMetadata.Gid,
            };
            if (
                o.Kind
                is EntryKind.CharacterDevice
                    or EntryKind.BlockDevice
                    or EntryKind.Fifo
                    or EntryKind.Socket
            )
            {
                if (existing is not null)
                {
                    Remove(o.Path);
                }
                AddSpecial(o.Path, o.Kind.Value, o.Major, o.Minor, metadata);
                continue;
            }
            if (o.Kind is EntryKind.Directory && existing is null)
            {
                AddDirectory(o.Path, metadata);
                continue;
            }
            if (existing is null)
            {
                throw new ArgumentException($"permission table: {o.Path} is not in the tree");
            }
            if (o.Kind is { } kind && kind != existing.Kind)
            {
                throw new ArgumentException(
                    $"permission table: {o.Path} is a {existing.Kind}, not a {kind}"
                );
            }
            existing.Metadata = metadata;
        }
    }
}
