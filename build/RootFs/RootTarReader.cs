using System.Formats.Tar;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// Reads a tar (GNU, ustar or PAX, as mmdebstrap writes) into a <see cref="RootTree"/> without
/// copying file data: each file node points at its bytes inside the archive.
/// </summary>
public static class RootTarReader
{
    private const int BlockSize = 512;

    public static RootTree Read(string archive)
    {
        var tree = new RootTree();
        using var stream = new FileStream(
            archive,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            1 << 16
        );
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            var path = RootNode.Normalize(entry.Name);
            if (path.Length == 0)
            {
                continue;
            }
            var kind = KindOf(entry, archive);
            NodeContent? content = null;
            if (kind == NodeKind.File && entry.Length > 0)
            {
                // On a seekable stream the reader has already moved past the data and its padding.
                var offset = stream.Position - RoundUp(entry.Length);
                content = new TarSlice(archive, offset, entry.Length);
            }
            var posix = entry as PosixTarEntry;
            tree.Set(
                new RootNode(
                    path,
                    kind,
                    entry.Mode,
                    entry.Uid,
                    entry.Gid,
                    entry.ModificationTime.ToUnixTimeSeconds(),
                    kind is NodeKind.Symlink ? entry.LinkName
                        : kind is NodeKind.HardLink ? RootNode.Normalize(entry.LinkName)
                        : null,
                    posix?.DeviceMajor ?? 0,
                    posix?.DeviceMinor ?? 0,
                    content
                )
            );
        }
        return tree;
    }

    private static long RoundUp(long length) => (length + BlockSize - 1) / BlockSize * BlockSize;

    private static NodeKind KindOf(TarEntry entry, string archive) =>
        entry.EntryType switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile =>
                NodeKind.File,
            TarEntryType.Directory => NodeKind.Directory,
            TarEntryType.SymbolicLink => NodeKind.Symlink,
            TarEntryType.HardLink => NodeKind.HardLink,
            TarEntryType.CharacterDevice => NodeKind.CharDevice,
            TarEntryType.BlockDevice => NodeKind.BlockDevice,
            TarEntryType.Fifo => NodeKind.Fifo,
            _ => throw new InvalidDataException(
                $"{archive}: entry '{entry.Name}' has type {entry.EntryType}, which a root filesystem cannot hold."
            ),
        };
}
