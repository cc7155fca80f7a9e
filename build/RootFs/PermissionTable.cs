using System.Globalization;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// Owners and modes for <c>rootpatch/</c>, which git cannot store: lines of
/// <c>PATH MODE UID GID</c> (octal mode, numeric owners). Paths not listed get root:root, 0755
/// for directories and executables, 0644 otherwise.
/// </summary>
public sealed class PermissionTable
{
    private readonly Dictionary<string, (UnixFileMode Mode, int Uid, int Gid)> entries;

    private PermissionTable(Dictionary<string, (UnixFileMode, int, int)> entries) =>
        this.entries = entries;

    public static PermissionTable Load(string path)
    {
        var entries = new Dictionary<string, (UnixFileMode, int, int)>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return new PermissionTable(entries);
        }
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (
                fields.Length != 4
                || !TryOctal(fields[1], out var mode)
                || !int.TryParse(
                    fields[2],
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var uid
                )
                || !int.TryParse(
                    fields[3],
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var gid
                )
            )
            {
                throw new InputFileException(
                    $"{path}:{number}",
                    $"'{line}' is not 'PATH MODE UID GID'",
                    "write e.g. '/etc/shadow 0640 0 42' (octal mode, numeric owners)"
                );
            }
            entries[RootNode.Normalize(fields[0])] = ((UnixFileMode)mode, uid, gid);
        }
        return new PermissionTable(entries);
    }

    public IEnumerable<string> Paths => entries.Keys;

    public (UnixFileMode Mode, int Uid, int Gid) For(
        string path,
        bool isDirectory,
        bool isExecutable
    ) =>
        entries.TryGetValue(RootNode.Normalize(path), out var listed)
            ? listed
            : ((UnixFileMode)(isDirectory || isExecutable ? 0b111_101_101 : 0b110_100_100), 0, 0);

    private static bool TryOctal(string text, out int value)
    {
        value = 0;
        if (text.Length is < 3 or > 5)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (c is < '0' or > '7')
            {
                return false;
            }
            value = value * 8 + (c - '0');
        }
        return true;
    }
}
