using XenDemoCD.Cpio.Builder;

namespace XenDemoCD.Cpio.Writer;

/// <summary>One header to write: the entry with its inode, link count and what its data is.</summary>
internal sealed record PlannedEntry(
    CpioNode Node,
    CpioNode Metadata,
    uint Inode,
    uint LinkCount,
    CpioContent? Data,
    byte[]? LinkTarget
)
{
    public uint Size => (uint)(Data?.Length ?? LinkTarget?.Length ?? 0);
}

/// <summary>
/// Layout first, bytes later: decides, before anything is written, each entry's inode (1..n in
/// write order), its link count (directories: 2 + subdirectories; hard links: the group's size)
/// and which member of a hard-link group carries the data (the last one, as newc requires).
/// </summary>
internal static class ArchiveLayout
{
    public static IReadOnlyList<PlannedEntry> Plan(IReadOnlyDictionary<string, CpioNode> nodes)
    {
        // nodes is sorted by CpioPath.Order: the write order.
        var ordered = nodes.Values.ToList();
        var subdirectories = ordered
            .Where(n => n.Kind == CpioEntryKind.Directory)
            .Select(n => CpioPath.ParentOf(n.Path))
            .OfType<string>()
            .GroupBy(p => p, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var groups = ordered
            .Where(n => n.Kind == CpioEntryKind.RegularFile)
            .GroupBy(n => FileOf(n, nodes).Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var planned = new List<PlannedEntry>(ordered.Count);
        var inodes = new Dictionary<string, uint>(StringComparer.Ordinal);
        uint next = 1;
        foreach (var node in ordered)
        {
            switch (node.Kind)
            {
                case CpioEntryKind.Directory:
                    planned.Add(
                        new PlannedEntry(
                            node,
                            node,
                            next++,
                            2 + (uint)subdirectories.GetValueOrDefault(node.Path),
                            null,
                            null
                        )
                    );
                    break;
                case CpioEntryKind.RegularFile:
                    var file = FileOf(node, nodes);
                    var members = groups[file.Path];
                    if (!inodes.TryGetValue(file.Path, out var inode))
                    {
                        inode = next++;
                        inodes[file.Path] = inode;
                    }
                    var carriesData = ReferenceEquals(members[^1], node);
                    planned.Add(
                        new PlannedEntry(
                            node,
                            file,
                            inode,
                            (uint)members.Count,
                            carriesData ? file.Content : null,
                            null
                        )
                    );
                    break;
                case CpioEntryKind.SymbolicLink:
                    planned.Add(
                        new PlannedEntry(
                            node,
                            node,
                            next++,
                            1,
                            null,
                            System.Text.Encoding.UTF8.GetBytes(node.LinkTarget!)
                        )
                    );
                    break;
                default:
                    planned.Add(new PlannedEntry(node, node, next++, 1, null, null));
                    break;
            }
        }
        return planned;
    }

    /// <summary>The regular file (with content) a hard link names, following links to links.</summary>
    private static CpioNode FileOf(CpioNode node, IReadOnlyDictionary<string, CpioNode> nodes)
    {
        var current = node;
        for (var hops = 0; current.HardLinkOf is { } target; hops++)
        {
            if (hops > nodes.Count || !nodes.TryGetValue(target, out var next))
            {
                throw new InvalidOperationException(
                    $"hard link '{node.Path}' names '{target}', which is not in the archive (or the links form a loop)"
                );
            }
            if (next.Kind != CpioEntryKind.RegularFile)
            {
                throw new InvalidOperationException(
                    $"hard link '{node.Path}' names '{target}', a {next.Kind}; only regular files can be hard-linked"
                );
            }
            current = next;
        }
        return current;
    }
}
