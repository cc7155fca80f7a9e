using XenDemoCD.Cpio.Builder;
using XenDemoCD.Cpio.Writer;

namespace XenDemoCD.Cpio;

/// <summary>
/// The tree an archive will hold. Entries are added in any order; <see cref="WriteTo"/> writes
/// them sorted by path (parents first), inodes numbered 1..n in that order, owners 0:0 unless
/// given, one modification time for all: the same tree gives the same bytes on every machine.
/// A parent directory that was not added is added with mode 0755.
/// </summary>
public sealed class CpioArchiveBuilder
{
    private const UnixFileMode DefaultDirectoryMode = (UnixFileMode)0b111_101_101;
    private readonly SortedDictionary<string, CpioNode> nodes = new(CpioPath.Order);

    public int Count => nodes.Count;

    public bool Contains(string path) => nodes.ContainsKey(CpioPath.Normalize(path));

    public IEnumerable<string> Paths => nodes.Keys;

    public CpioArchiveBuilder AddDirectory(
        string path,
        UnixFileMode permissions = DefaultDirectoryMode,
        uint uid = 0,
        uint gid = 0
    ) =>
        Add(new CpioNode(CpioPath.Normalize(path), CpioEntryKind.Directory, permissions, uid, gid));

    public CpioArchiveBuilder AddFile(
        string path,
        CpioContent content,
        UnixFileMode permissions,
        uint uid = 0,
        uint gid = 0
    )
    {
        if (content.Length > uint.MaxValue)
        {
            throw new ArgumentException(
                $"'{path}' ({content.Description}) is {content.Length} bytes; newc's c_filesize holds at most {uint.MaxValue}",
                nameof(content)
            );
        }
        return Add(
            new CpioNode(CpioPath.Normalize(path), CpioEntryKind.RegularFile, permissions, uid, gid)
            {
                Content = content,
            }
        );
    }

    public CpioArchiveBuilder AddSymbolicLink(
        string path,
        string target,
        uint uid = 0,
        uint gid = 0
    )
    {
        if (string.IsNullOrEmpty(target) || target.Contains('\0'))
        {
            throw new ArgumentException(
                $"symbolic link '{path}' needs a target without NUL characters",
                nameof(target)
            );
        }
        // Link permissions mean nothing on Linux; 0777 is what lstat reports.
        return Add(
            new CpioNode(
                CpioPath.Normalize(path),
                CpioEntryKind.SymbolicLink,
                (UnixFileMode)0b111_111_111,
                uid,
                gid
            )
            {
                LinkTarget = target,
            }
        );
    }

    /// <summary>
    /// Another name for the regular file <paramref name="existingFile"/> (which may be added
    /// before or after). In the archive both share an inode; the data travels with the last one.
    /// </summary>
    public CpioArchiveBuilder AddHardLink(string path, string existingFile) =>
        Add(
            new CpioNode(CpioPath.Normalize(path), CpioEntryKind.RegularFile, 0, 0, 0)
            {
                HardLinkOf = CpioPath.Normalize(existingFile),
            }
        );

    public CpioArchiveBuilder AddCharacterDevice(
        string path,
        uint major,
        uint minor,
        UnixFileMode permissions,
        uint uid = 0,
        uint gid = 0
    ) => AddDevice(path, CpioEntryKind.CharacterDevice, major, minor, permissions, uid, gid);

    public CpioArchiveBuilder AddBlockDevice(
        string path,
        uint major,
        uint minor,
        UnixFileMode permissions,
        uint uid = 0,
        uint gid = 0
    ) => AddDevice(path, CpioEntryKind.BlockDevice, major, minor, permissions, uid, gid);

    public CpioArchiveBuilder AddFifo(
        string path,
        UnixFileMode permissions,
        uint uid = 0,
        uint gid = 0
    ) => Add(new CpioNode(CpioPath.Normalize(path), CpioEntryKind.Fifo, permissions, uid, gid));

    /// <summary>
    /// Writes the archive, ending with the TRAILER!!! entry, and returns its length. The output
    /// needs no seeking (a GZipStream will do); every entry carries <paramref name="modificationTime"/>.
    /// </summary>
    public long WriteTo(Stream output, DateTimeOffset modificationTime) =>
        new NewcWriter(output, modificationTime).Write(ArchiveLayout.Plan(nodes));

    private CpioArchiveBuilder AddDevice(
        string path,
        CpioEntryKind kind,
        uint major,
        uint minor,
        UnixFileMode permissions,
        uint uid,
        uint gid
    ) =>
        Add(
            new CpioNode(CpioPath.Normalize(path), kind, permissions, uid, gid)
            {
                RDevMajor = major,
                RDevMinor = minor,
            }
        );

    private CpioArchiveBuilder Add(CpioNode node)
    {
        if ((uint)node.Permissions > Format.NewcLayout.PermissionMask)
        {
            throw new ArgumentException(
                $"'{node.Path}': permissions {Convert.ToString((int)node.Permissions, 8)} have bits beyond 07777",
                nameof(node)
            );
        }
        if (nodes.TryGetValue(node.Path, out var existing))
        {
            // An implied parent may be made explicit later (to give it other permissions).
            if (!(existing.Implied && node.Kind == CpioEntryKind.Directory))
            {
                throw new ArgumentException(
                    $"'{node.Path}' is already in the archive (as a {existing.Kind}); each path once",
                    nameof(node)
                );
            }
        }
        nodes[node.Path] = node;
        for (
            var parent = CpioPath.ParentOf(node.Path);
            parent is not null;
            parent = CpioPath.ParentOf(parent)
        )
        {
            if (nodes.TryGetValue(parent, out var present))
            {
                if (present.Kind != CpioEntryKind.Directory)
                {
                    nodes.Remove(node.Path);
                    throw new ArgumentException(
                        $"'{node.Path}' would be inside '{parent}', which is a {present.Kind}, not a directory",
                        nameof(node)
                    );
                }
                break;
            }
            nodes[parent] = new CpioNode(
                parent,
                CpioEntryKind.Directory,
                DefaultDirectoryMode,
                0,
                0
            )
            {
                Implied = true,
            };
        }
        return this;
    }
}
