using XenDemoCD.Build.RootFs;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// The root tree of an unpacked CD (<c>root/</c> + <c>root.metadata</c>) as the base of a rebuild.
/// Content always comes from disk; owners from the table unless the rebuild runs as root (then
/// and Unpack ran as root too: a chown made in root/ counts); a changed mode or time on disk wins; devices the unpacking user
/// could not create come from the table. Paths added in root/ take their metadata from disk
/// (owned by root:root when not running as root). The usr-layout <c>move</c>s are undone, so
/// UsrLayout makes the same split again.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class UnpackedRoot
{
    public static bool IsPresent(string buildRoot) =>
        Directory.Exists(Path.Combine(buildRoot, Unpacker.RootDirectory))
        && File.Exists(Path.Combine(buildRoot, RootMetadataTable.FileName));

    /// <summary>
    /// Writes the unpacked root as a rebuild's base root (an uncompressed tar, as mmdebstrap's
    /// would be); returns how many entries it holds.
    /// </summary>
    public static int WriteBaseArchive(string buildRoot, string archive, long sourceDateEpoch)
    {
        var tree = Read(buildRoot);
        RootTarWriter.WriteFile(tree.Nodes, archive, sourceDateEpoch, gzip: false);
        return tree.Count;
    }

    public static RootTree Read(string buildRoot)
    {
        var directory = Path.Combine(buildRoot, Unpacker.RootDirectory);
        var (table, ownersRestored) = RootMetadataTable.ReadWithOwners(
            Path.Combine(buildRoot, RootMetadataTable.FileName)
        );
        // Owners on disk mean something only when Unpack set them and we may read them as meant.
        var asRoot = UnixCalls.IsRoot && ownersRestored;
        var tree = new RootTree();
        var firstOfInode = new Dictionary<(ulong, ulong), string>();
        foreach (
            var entry in DiskScanner.Scan(directory).OrderBy(e => e.Path, StringComparer.Ordinal)
        )
        {
            var recorded = table.GetValueOrDefault(entry.Path);
            var fromDisk = DiskScanner.ToNode(
                entry,
                firstOfInode,
                asRoot ? (int)entry.Stat.Uid : 0,
                asRoot ? (int)entry.Stat.Gid : 0
            );
            if (recorded is null || !SameKind(recorded.NodeKind, fromDisk.Kind))
            {
                tree.Set(fromDisk);
                continue;
            }
            var node = fromDisk with
            {
                Uid = asRoot ? fromDisk.Uid : recorded.Uid,
                Gid = asRoot ? fromDisk.Gid : recorded.Gid,
                Mode = fromDisk.Kind == NodeKind.Symlink ? recorded.Permissions : fromDisk.Mode,
                DevMajor = recorded.Major,
                DevMinor = recorded.Minor,
            };
            tree.Set(node);
        }
        foreach (var recorded in table.Values.Where(e => !e.OnDisk && !tree.Contains(e.Path)))
        {
            tree.Set(
                new RootNode(
                    recorded.Path,
                    recorded.NodeKind,
                    recorded.Permissions,
                    recorded.Uid,
                    recorded.Gid,
                    recorded.MTime,
                    recorded.Link,
                    recorded.Major,
                    recorded.Minor
                )
            );
        }
        UnpackSafety.CheckTree(directory, tree, chroot: true);
        UndoMoves(tree);
        return tree;
    }

    // Hard links read back as a file plus links; which path leads is decided again by inode.
    private static bool SameKind(NodeKind recorded, NodeKind disk) =>
        recorded == disk
        || (
            recorded is NodeKind.File or NodeKind.HardLink
            && disk is NodeKind.File or NodeKind.HardLink
        );

    /// <summary>
    /// Puts the files that usr-layout moved to /usr/root back in place of their symlinks; the
    /// layout moves them again (and a file replaced in root/, e.g. by a package upgrade, wins).
    /// </summary>
    public static int UndoMoves(RootTree tree)
    {
        const string prefix = "/usr/root/";
        var undone = 0;
        foreach (
            var link in tree
                .Nodes.Where(n =>
                    n.Kind == NodeKind.Symlink
                    && n.LinkTarget == prefix + n.Path
                    && !n.Path.StartsWith("usr/", StringComparison.Ordinal)
                )
                .ToList()
        )
        {
            var moved = "usr/root/" + link.Path;
            if (tree[moved] is not { } original)
            {
                continue;
            }
            var subtree = tree.Remove(moved);
            tree.Remove(link.Path);
            foreach (var node in subtree)
            {
                tree.Set(
                    node with
                    {
                        Path = link.Path + node.Path[moved.Length..],
                        LinkTarget =
                            node.Kind == NodeKind.HardLink
                            && node.LinkTarget!.StartsWith(moved, StringComparison.Ordinal)
                                ? link.Path + node.LinkTarget[moved.Length..]
                                : node.LinkTarget,
                    }
                );
            }
            _ = original;
            undone++;
        }
        return undone;
    }
}

/// <summary>A tree's every path, kind, owner, mode, time, link, device and content, as one hash.</summary>
public static class RootTreeHash
{
    public static string Of(RootTree tree)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(
            System.Security.Cryptography.HashAlgorithmName.SHA256
        );
        foreach (var node in tree.Nodes)
        {
            var line =
                $"{node.Path}\0{node.Kind}\0{(int)node.Mode}\0{node.Uid}\0{node.Gid}\0{node.MTime}\0{node.LinkTarget}\0{node.DevMajor}\0{node.DevMinor}\0";
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(line));
            if (node.Content is { } content)
            {
                using var stream = content.Open();
                hash.AppendData(System.Security.Cryptography.SHA256.HashData(stream));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
