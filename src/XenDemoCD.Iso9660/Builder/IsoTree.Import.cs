using XenDemoCD.Iso9660.Posix;
using XenDemoCD.Posix;

namespace XenDemoCD.Iso9660;

/// <summary>How a directory on disk becomes part of the tree.</summary>
public sealed record DiskImportOptions
{
    /// <summary>Owner forced on every entry (a build without root still produces root-owned files).</summary>
    public uint? Uid { get; init; }

    /// <summary>Group forced on every entry; null keeps each entry's gid from disk.</summary>
    public uint? Gid { get; init; }

    /// <summary>Last word on each entry's metadata, given its image path and what came from disk.</summary>
    public Func<string, EntryKind, PosixMetadata, PosixMetadata>? Adjust { get; init; }

    /// <summary>Files on disk with nlink &gt; 1 and the same inode become hard links in the image.</summary>
    public bool PreserveHardLinks { get; init; } = true;

    /// <summary>Skip an entry (by image path) entirely.</summary>
    public Func<string, bool>? Exclude { get; init; }
}

public sealed partial class IsoTree
{
    /// <summary>
    /// Adds <paramref name="diskDirectory"/>'s contents under <paramref name="imagePath"/>, with
    /// metadata from lstat. Symlinks are stored as symlinks (never followed); device nodes,
    /// fifos and sockets as such. Entries are visited in ordinal name order.
    /// </summary>
    public TreeDirectory AddFromDisk(
        string diskDirectory,
        string imagePath = "/",
        DiskImportOptions? options = null
    )
    {
        options ??= new DiskImportOptions();
        var hardLinks = new Dictionary<(ulong, ulong), TreeFile>();
        var rootStat = PosixFileSystem.LStat(diskDirectory);
        var target = AddDirectory(imagePath);
        target.Metadata = MetadataOf(target.Path, EntryKind.Directory, rootStat, options);
        var pending = new Stack<(string Disk, TreeDirectory Directory)>();
        pending.Push((diskDirectory, target));
        while (pending.Count > 0)
        {
            var (disk, directory) = pending.Pop();
            var names = Directory
                .EnumerateFileSystemEntries(disk)
                .Select(System.IO.Path.GetFileName)
                .OfType<string>()
                .Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var diskPath = System.IO.Path.Combine(disk, name);
                var path = directory.Parent is null ? "/" + name : directory.Path + "/" + name;
                if (options.Exclude?.Invoke(path) == true)
                {
                    continue;
                }
                var stat = PosixFileSystem.LStat(diskPath);
                var kind =
                    PosixModeBits.KindOf(stat.Mode)
                    ?? throw new IOException($"{diskPath}: unknown file type {stat.Mode:x}");
                var metadata = MetadataOf(path, kind, stat, options);
                directory.Remove(name);
                switch (kind)
                {
                    case EntryKind.Directory:
                        var child = new TreeDirectory(name, metadata);
                        directory.Add(child);
                        pending.Push((diskPath, child));
                        break;
                    case EntryKind.File:
                        var key = (stat.Device, stat.Inode);
                        if (
                            options.PreserveHardLinks
                            && stat.LinkCount > 1
                            && hardLinks.TryGetValue(key, out var first)
                        )
                        {
                            directory.Add(new TreeFile(name, first.Content, first.Metadata));
                            break;
                        }
                        var file = new TreeFile(name, FileContent.FromFile(diskPath), metadata);
                        directory.Add(file);
                        if (stat.LinkCount > 1)
                        {
                            hardLinks[key] = file;
                        }
                        break;
                    case EntryKind.Symlink:
                        var linkTarget =
                            new FileInfo(diskPath).LinkTarget
                            ?? throw new IOException($"{diskPath}: unreadable symlink");
                        directory.Add(new TreeSymlink(name, linkTarget, metadata));
                        break;
                    default:
                        directory.Add(
                            new TreeSpecial(name, kind, stat.RdevMajor, stat.RdevMinor, metadata)
                        );
                        break;
                }
            }
        }
        return target;
    }

    private static PosixMetadata MetadataOf(
        string path,
        EntryKind kind,
        FileStatus stat,
        DiskImportOptions options
    )
    {
        var metadata = new PosixMetadata
        {
            Permissions = stat.Mode & PosixModeBits.PermissionMask,
            Uid = options.Uid ?? stat.Uid,
            Gid = options.Gid ?? stat.Gid,
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(stat.ModificationTime),
            AccessTime = DateTimeOffset.FromUnixTimeSeconds(stat.AccessTime),
            ChangeTime = DateTimeOffset.FromUnixTimeSeconds(stat.ChangeTime),
        };
        return options.Adjust?.Invoke(path, kind, metadata) ?? metadata;
    }
}
