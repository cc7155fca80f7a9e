using System.Formats.Tar;
using System.IO.Compression;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// Writes nodes as a reproducible tar: GNU format (PAX headers would carry the writer's process
/// id), sorted paths, numeric owners only, modification times clamped to SOURCE_DATE_EPOCH, and
/// each hard-link group written so the file comes before the links to it.
/// </summary>
public static class RootTarWriter
{
    public static void Write(IEnumerable<RootNode> nodes, Stream output, long sourceDateEpoch)
    {
        var sorted = nodes.OrderBy(n => n.Path, StringComparer.Ordinal).ToList();
        var firstOfLink = HardLinkLeaders(sorted);
        var byPath = sorted.ToDictionary(n => n.Path, StringComparer.Ordinal);
        using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var node in sorted)
        {
            var entry = ToEntry(node, sourceDateEpoch, firstOfLink, byPath);
            if (entry.DataStream is { } data)
            {
                using (data)
                {
                    writer.WriteEntry(entry);
                }
            }
            else
            {
                writer.WriteEntry(entry);
            }
        }
    }

    public static void WriteFile(
        IEnumerable<RootNode> nodes,
        string path,
        long sourceDateEpoch,
        bool gzip
    )
    {
        using var file = new FileStream(
            path,
            FileMode.Create,
            FileAccess.Write,
            FileShare.None,
            1 << 20
        );
        if (gzip)
        {
            using var compressed = new GZipStream(
                file,
                CompressionLevel.SmallestSize,
                leaveOpen: true
            );
            Write(nodes, compressed, sourceDateEpoch);
        }
        else
        {
            Write(nodes, file, sourceDateEpoch);
        }
    }

    // A hard link names another path; when sorting puts a link before its file, the first path
    // of the group in sorted order carries the data instead and the others link to it.
    private static Dictionary<string, string> HardLinkLeaders(List<RootNode> sorted)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in sorted.Where(n => n.Kind == NodeKind.HardLink))
        {
            if (!groups.TryGetValue(node.LinkTarget!, out var members))
            {
                groups[node.LinkTarget!] = members = [node.LinkTarget!];
            }
            members.Add(node.Path);
        }
        var leaders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (target, members) in groups)
        {
            var leader = members.Min(StringComparer.Ordinal)!;
            foreach (var member in members)
            {
                leaders[member] = leader;
            }
            leaders[target] = leader;
        }
        return leaders;
    }

    private static GnuTarEntry ToEntry(
        RootNode node,
        long epoch,
        Dictionary<string, string> leaders,
        Dictionary<string, RootNode> byPath
    )
    {
        var source = node;
        var kind = node.Kind;
        string? linkName = node.LinkTarget;
        if (leaders.TryGetValue(node.Path, out var leader))
        {
            var file = byPath[node.Kind == NodeKind.HardLink ? node.LinkTarget! : node.Path];
            if (leader == node.Path)
            {
                source = file with { Path = node.Path };
                kind = NodeKind.File;
                linkName = null;
            }
            else
            {
                kind = NodeKind.HardLink;
                linkName = leader;
                source = file with { Path = node.Path };
            }
        }
        var name = kind == NodeKind.Directory ? node.Path + "/" : node.Path;
        var entry = new GnuTarEntry(TypeOf(kind), name)
        {
            Mode = source.Mode,
            Uid = source.Uid,
            Gid = source.Gid,
            UserName = "",
            GroupName = "",
        };
        var mtime = DateTimeOffset.FromUnixTimeSeconds(Math.Min(source.MTime, epoch));
        // Access and change times stay unset (zero), as GNU tar writes them: busybox tar, which
        // unpacks root.tar.gz at boot, reads those bytes of a GNU header as the ustar name prefix.
        entry.ModificationTime = mtime;
        if (kind is NodeKind.Symlink or NodeKind.HardLink)
        {
            entry.LinkName = linkName!;
        }
        if (kind is NodeKind.CharDevice or NodeKind.BlockDevice)
        {
            entry.DeviceMajor = source.DevMajor;
            entry.DeviceMinor = source.DevMinor;
        }
        if (kind == NodeKind.File && source.Content is { } content)
        {
            entry.DataStream = content.Open();
        }
        return entry;
    }

    private static TarEntryType TypeOf(NodeKind kind) =>
        kind switch
        {
            NodeKind.File => TarEntryType.RegularFile,
            NodeKind.Directory => TarEntryType.Directory,
            NodeKind.Symlink => TarEntryType.SymbolicLink,
            NodeKind.HardLink => TarEntryType.HardLink,
            NodeKind.CharDevice => TarEntryType.CharacterDevice,
            NodeKind.BlockDevice => TarEntryType.BlockDevice,
            NodeKind.Fifo => TarEntryType.Fifo,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
}
