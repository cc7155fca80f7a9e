using XenDemoCD.Build.RootFs;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// Puts root-filesystem nodes into the ISO tree with their exact metadata (owners, modes, links,
/// devices), file data streamed from where it lies (inside usr.tar, on disk), never copied first.
/// </summary>
public static class CdTree
{
    public static void Add(IsoTree tree, IEnumerable<RootNode> nodes, string under = "")
    {
        foreach (var node in nodes.OrderBy(n => n.Path, StringComparer.Ordinal))
        {
            var path = "/" + (under.Length > 0 ? under.TrimEnd('/') + "/" : "") + node.Path;
            var metadata = new PosixMetadata
            {
                Permissions = (uint)node.Mode,
                Uid = (uint)node.Uid,
                Gid = (uint)node.Gid,
                ModificationTime = DateTimeOffset.FromUnixTimeSeconds(node.MTime),
            };
            switch (node.Kind)
            {
                case NodeKind.Directory:
                    tree.AddDirectory(path, metadata);
                    break;
                case NodeKind.File:
                    var content = node.Content;
                    tree.AddFile(
                        path,
                        content is null
                            ? FileContent.FromBytes([])
                            : FileContent.FromStream(content.Open, content.Length),
                        metadata
                    );
                    break;
                case NodeKind.Symlink:
                    tree.AddSymlink(path, node.LinkTarget!, metadata);
                    break;
                case NodeKind.HardLink:
                    tree.AddHardLink(
                        path,
                        "/" + (under.Length > 0 ? under.TrimEnd('/') + "/" : "") + node.LinkTarget
                    );
                    break;
                case NodeKind.CharDevice:
                    tree.AddSpecial(
                        path,
                        EntryKind.CharacterDevice,
                        (uint)node.DevMajor,
                        (uint)node.DevMinor,
                        metadata
                    );
                    break;
                case NodeKind.BlockDevice:
                    tree.AddSpecial(
                        path,
                        EntryKind.BlockDevice,
                        (uint)node.DevMajor,
                        (uint)node.DevMinor,
                        metadata
                    );
                    break;
                case NodeKind.Fifo:
                    tree.AddSpecial(path, EntryKind.Fifo, metadata: metadata);
                    break;
            }
        }
    }

    /// <summary>A file of the build (kernel, initrd…) as root-owned, world-readable.</summary>
    public static void AddBuildFile(
        IsoTree tree,
        string path,
        string diskFile,
        DateTimeOffset time
    ) =>
        tree.AddFile(
            path,
            FileContent.FromFile(diskFile),
            new PosixMetadata { Permissions = 0b110_100_100, ModificationTime = time }
        );

    /// <summary>Text made by the build (VERSION, Builder…).</summary>
    public static void AddText(IsoTree tree, string path, string text, DateTimeOffset time) =>
        tree.AddFile(
            path,
            FileContent.FromBytes(System.Text.Encoding.UTF8.GetBytes(text)),
            new PosixMetadata { Permissions = 0b110_100_100, ModificationTime = time }
        );
}
