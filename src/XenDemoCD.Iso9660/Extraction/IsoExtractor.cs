using XenDemoCD.Iso9660.Posix;

namespace XenDemoCD.Iso9660;

/// <summary>How <see cref="IsoExtractor.Extract"/> writes an image's tree to disk.</summary>
public sealed record ExtractOptions
{
    /// <summary>Which tree to extract; Auto fails on damaged Rock Ridge rather than fall back.</summary>
    public IsoView View { get; init; } = IsoView.Auto;

    /// <summary>What to do when names to be created exist; by default nothing is written.</summary>
    public ExistingFilePolicy ExistingFiles { get; init; } = ExistingFilePolicy.Refuse;

    /// <summary>Set uid/gid from the image; null means "when running as root".</summary>
    public bool? RestoreOwners { get; init; }

    /// <summary>Create device nodes, fifos and sockets; null means "when running as root" (fifos always).</summary>
    public bool? CreateSpecialFiles { get; init; }

    /// <summary>Set each entry's permission bits, setuid/setgid/sticky included (Linux only). Default true.</summary>
    public bool RestorePermissions { get; init; } = true;

    /// <summary>
    /// Set each entry's access and modification times, symlinks included (on other systems than
    /// Linux only the modification time of files and directories). Default true.
    /// </summary>
    public bool RestoreTimes { get; init; } = true;

    /// <summary>
    /// Refuse an image with a damaged Rock Ridge entry before writing anything, even when the
    /// image was opened leniently (where that entry would be a warning and lose its metadata).
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Stop once this many bytes of file data were written (a bound against shared-extent bombs).</summary>
    public long? MaxTotalBytes { get; init; }
}

/// <summary>What an extraction created.</summary>
/// <param name="Directories">Directories created or merged into.</param>
/// <param name="Files">Regular files written with their data.</param>
/// <param name="HardLinks">Further names of files already written, created as hard links.</param>
/// <param name="Symlinks">Symbolic links created.</param>
/// <param name="SpecialFiles">Device nodes, fifos and sockets created.</param>
/// <param name="Bytes">File data written, in bytes (decompressed; hard links not counted again).</param>
/// <param name="Warnings">The reader's warnings, then the entries extraction skipped and why.</param>
public sealed record ExtractResult(
    int Directories,
    int Files,
    int HardLinks,
    int Symlinks,
    int SpecialFiles,
    long Bytes,
    IReadOnlyList<string> Warnings
);

/// <summary>
/// Extracts an image into a directory without ever writing outside it: names are single path
/// components (the reader refuses '/', '.', '..'), files are created exclusively (never through
/// an existing file or link, unless asked to replace them), only directories created here or found as real directories are
/// entered, and symlinks are created last, so nothing is ever written through one.
/// </summary>
public static class IsoExtractor
{
    /// <summary>
    /// Extracts every entry of the chosen tree into <paramref name="targetDirectory"/>, creating
    /// it if needed. Every name is checked before the first write.
    /// </summary>
    /// <param name="image">The open image to extract.</param>
    /// <param name="targetDirectory">The directory to extract into; it may exist (existing directories are merged into).</param>
    /// <param name="options">What to extract and restore; null takes the defaults of <see cref="ExtractOptions"/>.</param>
    /// <param name="cancellation">Stops the extraction between entries and every mebibyte of a file, with <see cref="OperationCanceledException"/>; what was written stays.</param>
    /// <returns>Counts of what was created, and the warnings.</returns>
    /// <exception cref="ExistingFilesException">Names to be created exist and <see cref="ExtractOptions.ExistingFiles"/> does not allow replacing them; nothing was written.</exception>
    /// <exception cref="IsoFormatException">
    /// The tree is damaged, a name is unusable (NUL, longer than 255 bytes, leaves the target), or
    /// <see cref="ExtractOptions.Strict"/> is set and an entry's Rock Ridge data is damaged.
    /// </exception>
    /// <exception cref="IOException">More than <see cref="ExtractOptions.MaxTotalBytes"/> bytes, or a file system call failed.</exception>
    public static ExtractResult Extract(
        IsoImage image,
        string targetDirectory,
        ExtractOptions? options = null,
        CancellationToken cancellation = default
    )
    {
        options ??= new ExtractOptions();
        var root = Path.GetFullPath(targetDirectory);
        var isRoot = PosixFileSystem.IsRoot;
        var owners = (options.RestoreOwners ?? isRoot) && PosixFileSystem.IsLinux;
        var specials = (options.CreateSpecialFiles ?? isRoot) && PosixFileSystem.IsLinux;
        image.GetRoot(options.View); // reads the tree, so its warnings are known
        if (options.Strict && image.DamagedEntries.Count > 0)
        {
            var damage = image.DamagedEntries[0];
            throw new IsoFormatException(damage.Structure, damage.Offset, damage.Problem);
        }
        // Every name is checked before the first write, so a refusal leaves the target untouched.
        var plan = image.Enumerate(options.View).Select(e => (e, Destination(root, e))).ToList();
        var replaced = Replaceable(plan, root, options.ExistingFiles);
        Directory.CreateDirectory(root);
        var warnings = new List<string>(image.Warnings);
        var safe = new HashSet<string>(StringComparer.Ordinal) { root };
        var linked = new Dictionary<ulong, string>();
        var directories = new List<(IsoEntry Entry, string Path)>();
        var symlinks = new List<(IsoEntry Entry, string Path)>();
        int dirs = 0,
            files = 0,
            hardLinks = 0,
            specialCount = 0;
        long bytes = 0;
        var buffer = new byte[1 << 20];
        foreach (var (entry, destination) in plan)
        {
            cancellation.ThrowIfCancellationRequested();
            var parent = Path.GetDirectoryName(destination)!;
            if (!safe.Contains(parent))
            {
                warnings.Add($"{entry.Path}: skipped, its parent was not extracted");
                continue;
            }
            if (replaced.Remove(destination))
            {
                File.Delete(destination); // never a directory: those were refused above
            }
            else if (Path.Exists(destination) && entry.Kind != EntryKind.Directory)
            {
                // Only a second entry of the same name in the image can get here.
                warnings.Add($"{entry.Path}: skipped, the name already exists");
                continue;
            }
            switch (entry.Kind)
            {
                case EntryKind.Directory:
                    if (Path.Exists(destination))
                    {
                        if (
                            PosixFileSystem.IsLinux
                            && (PosixFileSystem.LStat(destination).Mode & PosixModeBits.TypeMask)
                                != PosixModeBits.Directory
                        )
                        {
                            warnings.Add(
                                $"{entry.Path}: skipped, a non-directory of that name exists"
                            );
                            continue;
                        }
                    }
                    else
                    {
                        Directory.CreateDirectory(destination);
                    }
                    safe.Add(destination);
                    directories.Add((entry, destination));
                    dirs++;
                    continue;
                case EntryKind.File
                    when entry.LinkCount > 1
                        && linked.TryGetValue(entry.Inode, out var first)
                        && PosixFileSystem.IsLinux:
                    PosixFileSystem.CreateHardLink(first, destination);
                    hardLinks++;
                    continue;
                case EntryKind.File:
                    using (var input = image.OpenRead(entry))
                    using (
                        var output = new FileStream(
                            destination,
                            FileMode.CreateNew,
                            FileAccess.Write,
                            FileShare.None,
                            0
                        )
                    )
                    {
                        int read;
                        while ((read = input.Read(buffer)) > 0)
                        {
                            cancellation.ThrowIfCancellationRequested();
                            bytes += read;
                            if (bytes > options.MaxTotalBytes)
                            {
                                throw new IOException(
                                    $"extraction stopped: more than {options.MaxTotalBytes} bytes"
                                );
                            }
                            output.Write(buffer, 0, read);
                        }
                    }
                    if (entry.LinkCount > 1)
                    {
                        linked.TryAdd(entry.Inode, destination);
                    }
                    files++;
                    break;
                case EntryKind.Symlink when string.IsNullOrEmpty(entry.SymlinkTarget):
                    warnings.Add($"{entry.Path}: symlink without a target not created");
                    continue;
                case EntryKind.Symlink
                    when entry.SymlinkTarget!.Contains('\0', StringComparison.Ordinal):
                    // No file system can hold it; a damaged or hostile SL entry.
                    throw new IsoFormatException(
                        $"entry {entry.Path}",
                        0,
                        "symlink target holds a NUL byte"
                    );
                case EntryKind.Symlink:
                    symlinks.Add((entry, destination));
                    continue;
                case EntryKind.Fifo when PosixFileSystem.IsLinux:
                case EntryKind.CharacterDevice
                or EntryKind.BlockDevice
                or EntryKind.Socket when specials:
                    PosixFileSystem.MakeNode(
                        destination,
                        entry.Mode,
                        entry.DeviceMajor,
                        entry.DeviceMinor
                    );
                    specialCount++;
                    break;
                default:
                    warnings.Add($"{entry.Path}: {entry.Kind} not created (needs root)");
                    continue;
            }
            ApplyMetadata(entry, destination, options, owners);
        }
        foreach (var (entry, destination) in symlinks)
        {
            File.CreateSymbolicLink(destination, entry.SymlinkTarget!);
            if (owners)
            {
                PosixFileSystem.SetOwner(destination, entry.Uid, entry.Gid);
            }
            if (options.RestoreTimes && PosixFileSystem.IsLinux)
            {
                PosixFileSystem.SetTimes(destination, entry.AccessTime, entry.ModificationTime);
            }
        }
        // Deepest first, so a read-only directory is closed only after everything inside it exists.
        for (var i = directories.Count - 1; i >= 0; i--)
        {
            ApplyMetadata(directories[i].Entry, directories[i].Path, options, owners);
        }
        return new ExtractResult(
            dirs,
            files,
            hardLinks,
            symlinks.Count,
            specialCount,
            bytes,
            warnings
        );
    }

    /// <summary>The existing paths the policy lets extraction replace, or why it may not.</summary>
    private static HashSet<string> Replaceable(
        List<(IsoEntry, string)> plan,
        string root,
        ExistingFilePolicy policy
    )
    {
        var existing = ExistingFiles.Find(plan, root);
        if (existing.Count > 0 && policy == ExistingFilePolicy.Refuse)
        {
            throw new ExistingFilesException([.. existing.Select(e => e.Path)], "already exists");
        }
        var directories = existing.Where(e => e.IsDirectory).Select(e => e.Path).ToList();
        if (directories.Count > 0)
        {
            throw new ExistingFilesException(
                directories,
                "is a directory where the image has a file, and is never replaced"
            );
        }
        return existing.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
    }

    private static string Destination(string root, IsoEntry entry)
    {
        if (entry.Path.Contains('\0', StringComparison.Ordinal))
        {
            throw new IsoFormatException($"entry {entry.Path}", 0, "name holds a NUL byte");
        }
        var parts = entry.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => System.Text.Encoding.UTF8.GetByteCount(p) > 255))
        {
            // Linux, and most file systems, hold at most 255 bytes per name.
            throw new IsoFormatException(
                $"entry {entry.Path}",
                0,
                "a name is longer than 255 bytes"
            );
        }
        if (!OperatingSystem.IsLinux())
        {
            parts = parts
                .Select(p =>
                    string.Concat(
                        p.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c)
                    )
                )
                .ToArray();
        }
        if (parts.Any(p => p is "." or ".."))
        {
            throw new IsoFormatException(
                $"entry {entry.Path}",
                0,
                "path leaves the target directory"
            );
        }
        var destination = Path.GetFullPath(Path.Join([root, .. parts]));
        if (!destination.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new IsoFormatException(
                $"entry {entry.Path}",
                0,
                "path leaves the target directory"
            );
        }
        return destination;
    }

    private static void ApplyMetadata(
        IsoEntry entry,
        string path,
        ExtractOptions options,
        bool owners
    )
    {
        if (!PosixFileSystem.IsLinux)
        {
            if (options.RestoreTimes)
            {
                File.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
            }
            return;
        }
        if (owners)
        {
            PosixFileSystem.SetOwner(path, entry.Uid, entry.Gid);
        }
        if (options.RestorePermissions)
        {
            PosixFileSystem.SetPermissions(path, entry.Permissions);
        }
        if (options.RestoreTimes)
        {
            PosixFileSystem.SetTimes(path, entry.AccessTime, entry.ModificationTime);
        }
    }
}
