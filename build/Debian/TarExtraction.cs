using System.Formats.Tar;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// Writes tar entries to disk: directories, regular files, symbolic and hard links, with their
/// modes and modification times (a re-extracted source tree keeps its times, so make does not
/// rebuild what did not change). Entries that would be written outside the target (by their name,
/// or through a symlink an earlier entry made) are refused with <see cref="ArchiveEntryRefusedException"/>.
/// </summary>
public static class TarExtraction
{
    /// <summary>An entry's name without a leading <c>./</c> or trailing <c>/</c>.</summary>
    public static string Normalize(string name)
    {
        var trimmed = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
        return trimmed.TrimEnd('/');
    }

    public static int Extract(
        Stream tar,
        string target,
        Func<string, string?> destination,
        string source,
        CancellationToken cancellation = default
    )
    {
        var inside = new ExtractionTarget(target, source);
        var written = 0;
        var directoryTimes = new List<(string Path, DateTimeOffset Time)>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            // Unpacking a kernel tree takes a minute or two: Ctrl+C must not wait for it.
            cancellation.ThrowIfCancellationRequested();
            var name = Normalize(entry.Name);
            if (name.Length == 0 || destination(name) is not { } relative)
            {
                continue;
            }
            var path =
                entry.EntryType == TarEntryType.Directory
                    ? inside.DirectoryFor(relative, entry.Name)
                    : inside.PathFor(relative, entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(path);
                    SetMode(path, entry.Mode | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    directoryTimes.Add((path, entry.ModificationTime));
                    break;
                case TarEntryType.RegularFile
                or TarEntryType.V7RegularFile
                or TarEntryType.ContiguousFile:
                    WriteFile(entry, path);
                    break;
                case TarEntryType.SymbolicLink:
                    Replace(path);
                    File.CreateSymbolicLink(path, entry.LinkName);
                    inside.SymlinkMade(path);
                    break;
                case TarEntryType.HardLink:
                    var linked = destination(Normalize(entry.LinkName));
                    if (linked is null)
                    {
                        continue;
                    }
                    var original = inside.HardLinkSource(linked, entry.Name, entry.LinkName);
                    Replace(path);
                    File.Copy(original, path);
                    break;
                case TarEntryType.GlobalExtendedAttributes:
                    continue;
                default:
                    throw new InvalidDataException(
                        $"{source}: entry '{entry.Name}' is a {entry.EntryType}, which a package or source tree should not hold"
                    );
            }
            written++;
        }
        // Last, and deepest first: writing into a directory changes its time.
        foreach (var (path, time) in directoryTimes.OrderByDescending(d => d.Path.Length))
        {
            Directory.SetLastWriteTimeUtc(path, time.UtcDateTime);
        }
        return written;
    }

    private static void WriteFile(TarEntry entry, string path)
    {
        Replace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = File.Create(path))
        {
            entry.DataStream?.CopyTo(file);
        }
        SetMode(path, entry.Mode);
        File.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
    }

    private static void Replace(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }
}
