using System.Globalization;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// Owners and modes for <c>rootpatch/</c>, which git cannot store: lines of
/// <c>PATH MODE UID GID</c> (octal mode up to 07777, numeric owners). Paths not listed get
/// root:root, 0755 for directories and executables, 0644 otherwise.
/// </summary>
public sealed class PermissionTable
{
    private const int MaxMode = 0b111_111_111_111; // 07777: setuid, setgid, sticky and rwx ×3

    // The largest id the root tarball's octal owner fields hold (7 octal digits).
    private const long MaxId = 0b111_111_111_111_111_111_111;

    private static readonly string[] Columns = ["PATH", "MODE", "UID", "GID"];

    private readonly Dictionary<string, Entry> entries;

    private PermissionTable(string file, Dictionary<string, Entry> entries)
    {
        File = file;
        this.entries = entries;
    }

    public string File { get; }

    public static PermissionTable Load(string path)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (!System.IO.File.Exists(path))
        {
            return new PermissionTable(path, entries);
        }
        var number = 0;
        foreach (var raw in System.IO.File.ReadLines(path))
        {
            number++;
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4)
            {
                throw new InputFileException(
                    path,
                    fields.Length < 4
                        ? $"'{line}' has {fields.Length} field(s), not 4: {Columns[fields.Length]} is missing"
                        : $"'{line}' has {fields.Length} fields, not 4",
                    "write 'PATH MODE UID GID', e.g. '/etc/shadow 0640 0 42' (octal mode, numeric owners)",
                    number,
                    fields.Length < 4 ? Columns[fields.Length] : "GID"
                );
            }
            if (!fields[0].StartsWith('/'))
            {
                throw new InputFileException(
                    path,
                    $"'{fields[0]}' is not an absolute path",
                    "write the path as the running system sees it, e.g. /etc/ssh/sshd_config",
                    number,
                    "PATH"
                );
            }
            var entry = new Entry(
                (UnixFileMode)Mode(path, number, fields[1]),
                Id(path, number, "UID", fields[2]),
                Id(path, number, "GID", fields[3]),
                number
            );
            var key = RootNode.Normalize(fields[0]);
            if (entries.TryGetValue(key, out var earlier))
            {
                throw new InputFileException(
                    path,
                    $"'{fields[0]}' is already listed on line {earlier.Line}",
                    "keep one line per path",
                    number,
                    "PATH"
                );
            }
            entries[key] = entry;
        }
        return new PermissionTable(path, entries);
    }

    public IEnumerable<string> Paths => entries.Keys;

    /// <summary>The line that lists <paramref name="path"/>, for errors found when the table is applied.</summary>
    public int LineOf(string path) => entries[RootNode.Normalize(path)].Line;

    public (UnixFileMode Mode, int Uid, int Gid) For(
        string path,
        bool isDirectory,
        bool isExecutable
    ) =>
        entries.TryGetValue(RootNode.Normalize(path), out var listed)
            ? (listed.Mode, listed.Uid, listed.Gid)
            : ((UnixFileMode)(isDirectory || isExecutable ? 0b111_101_101 : 0b110_100_100), 0, 0);

    private static int Mode(string path, int line, string text)
    {
        var value = 0L;
        if (text.Length == 0 || text.Length > 6 || text.Any(c => c is < '0' or > '7'))
        {
            throw new InputFileException(
                path,
                $"'{text}' is not an octal mode",
                "write 3 or 4 octal digits, e.g. 0644 or 4755",
                line,
                "MODE"
            );
        }
        foreach (var c in text)
        {
            value = value * 8 + (c - '0');
        }
        if (value > MaxMode)
        {
            throw new InputFileException(
                path,
                $"mode {text} is above 07777",
                "write at most 4 octal digits: the setuid/setgid/sticky digit, then owner, group and others",
                line,
                "MODE"
            );
        }
        return (int)value;
    }

    private static int Id(string path, int line, string field, string text)
    {
        if (
            !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || id > MaxId
        )
        {
            throw new InputFileException(
                path,
                $"'{text}' is not a numeric {(field == "UID" ? "user" : "group")} id",
                $"write the number (0 for root; `getent {(field == "UID" ? "passwd" : "group")} NAME` in the built root gives the others), between 0 and {MaxId}",
                line,
                field
            );
        }
        return (int)id;
    }

    private sealed record Entry(UnixFileMode Mode, int Uid, int Gid, int Line);
}
