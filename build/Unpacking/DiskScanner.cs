using XenDemoCD.Build.RootFs;
using XenDemoCD.Posix;

namespace XenDemoCD.Build.Unpacking;

/// <summary>One path of a directory tree on disk, as lstat sees it.</summary>
public sealed record DiskEntry(string Path, string FullPath, FileStatus Stat, string? LinkTarget)
{
    public NodeKind Kind =>
        Stat.TypeBits switch
        {
            0x4000 => NodeKind.Directory,
            0xA000 => NodeKind.Symlink,
            0x2000 => NodeKind.CharDevice,
            0x6000 => NodeKind.BlockDevice,
            0x1000 => NodeKind.Fifo,
            0x8000 => NodeKind.File,
            _ => throw new InvalidDataException(
                $"{FullPath}: a socket or unknown file type cannot be part of a root tree; remove it."
            ),
        };
}

/// <summary>Walks a directory without following symlinks, in ordinal path order.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class DiskScanner
{
    public static IEnumerable<DiskEntry> Scan(string directory)
    {
        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((directory, ""));
        while (pending.Count > 0)
        {
            var (full, relative) = pending.Pop();
            var children = new DirectoryInfo(full)
                .EnumerateFileSystemInfos(
                    "*",
                    new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }
                )
                .OrderByDescending(e => e.Name, StringComparer.Ordinal)
                .ToList();
            var entries = new List<DiskEntry>();
            foreach (var child in children)
            {
                var path = relative.Length == 0 ? child.Name : relative + "/" + child.Name;
                var stat = UnixCalls.LStat(child.FullName);
                entries.Add(
                    new DiskEntry(
                        path,
                        child.FullName,
                        stat,
                        stat.TypeBits == 0xA000 ? child.LinkTarget : null
                    )
                );
                if (stat.TypeBits == 0x4000)
                {
                    pending.Push((child.FullName, path));
                }
            }
            foreach (var entry in entries)
            {
                yield return entry;
            }
        }
    }

    /// <summary>The tree as nodes with lstat's metadata, hard links grouped by inode, bytes read from disk.</summary>
    public static RootTree ReadTree(string directory)
    {
        var tree = new RootTree();
        var firstOfInode = new Dictionary<(ulong, ulong), string>();
        foreach (var entry in Scan(directory).OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            tree.Set(ToNode(entry, firstOfInode, (int)entry.Stat.Uid, (int)entry.Stat.Gid));
        }
        return tree;
    }

    public static RootNode ToNode(
        DiskEntry entry,
        Dictionary<(ulong, ulong), string> firstOfInode,
        int uid,
        int gid
    )
    {
        var s = entry.Stat;
        var kind = entry.Kind;
        if (kind == NodeKind.File && s.LinkCount > 1)
        {
            if (firstOfInode.TryGetValue((s.Device, s.Inode), out var leader))
            {
                return new RootNode(
                    entry.Path,
                    NodeKind.HardLink,
                    s.Permissions,
                    uid,
                    gid,
                    s.ModificationTime,
                    leader
                );
            }
            firstOfInode[(s.Device, s.Inode)] = entry.Path;
        }
        return kind switch
        {
            NodeKind.File => new RootNode(
                entry.Path,
                kind,
                s.Permissions,
                uid,
                gid,
                s.ModificationTime,
                Content: new DiskFile(entry.FullPath)
            ),
            NodeKind.Symlink => new RootNode(
                entry.Path,
                kind,
                s.Permissions,
                uid,
                gid,
                s.ModificationTime,
                entry.LinkTarget
            ),
            NodeKind.CharDevice or NodeKind.BlockDevice => new RootNode(
                entry.Path,
                kind,
                s.Permissions,
                uid,
                gid,
                s.ModificationTime,
                null,
                (int)s.RdevMajor,
                (int)s.RdevMinor
            ),
            _ => new RootNode(entry.Path, kind, s.Permissions, uid, gid, s.ModificationTime),
        };
    }
}

/// <summary>A CD mounted by the kernel: lstat gives owners, modes, times and devices, but not hard links.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class MountedTree
{
    public static RootTree Read(string directory) => DiskScanner.ReadTree(directory);
}
