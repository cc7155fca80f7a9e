using System.Text;
using XenDemoCD.Iso9660.Format;
using XenDemoCD.Iso9660.Posix;
using XenDemoCD.Posix;

namespace XenDemoCD.Iso9660.Reader;

/// <summary>
/// Reads one directory tree (Rock Ridge, Joliet or plain) into <see cref="IsoEntry"/> nodes.
/// Each directory extent is read at most once, so loops and shared directories are refused.
/// </summary>
internal sealed class TreeReader(
    ImageSource source,
    ReaderLimits limits,
    IsoView view,
    int suspSkip,
    bool strict,
    List<string> warnings,
    List<IsoFormatException> damagedEntries
)
{
    private readonly HashSet<uint> visited = [];
    private long entries;
    private ulong syntheticInode = 1UL << 40;

    private bool RockRidge => view == IsoView.RockRidge;

    public IsoEntry Read(byte[] rootRecordBytes)
    {
        var rootRecord =
            DirectoryRecord.Read(rootRecordBytes, 0)
            ?? throw new IsoFormatException("root directory record", 0, "empty");
        var rootOffset = (long)rootRecord.ExtentLba * Sizes.Block;
        var rootBlock = source.ReadBytes(rootOffset, Sizes.Block, "root directory");
        var dot =
            DirectoryRecord.Read(rootBlock, rootOffset)
            ?? throw new IsoFormatException("root directory '.' record", rootOffset, "missing");
        var info = RockRidge
            ? Susp(rootBlock, dot, rootOffset, skip: 0, "the root directory's '.' record")
            : null;
        var root = Entry(dot, info, "", "/", null, [], EntryKind.Directory);
        var pending = new Stack<(IsoEntry Entry, uint Lba, uint Size, int Depth)>();
        pending.Push((root, rootRecord.ExtentLba, rootRecord.DataLength, 0));
        while (pending.Count > 0)
        {
            var (directory, lba, size, depth) = pending.Pop();
            foreach (var (child, childLba, childSize) in ReadDirectory(directory, lba, size))
            {
                if (child.Kind == EntryKind.Directory)
                {
                    if (depth + 1 > limits.MaxDepth)
                    {
                        throw new IsoFormatException(
                            $"directory {child.Path}",
                            (long)childLba * Sizes.Block,
                            $"nested deeper than {limits.MaxDepth} levels"
                        );
                    }
                    pending.Push((child, childLba, childSize, depth + 1));
                }
            }
        }
        return root;
    }

    private IEnumerable<(IsoEntry Entry, uint Lba, uint Size)> ReadDirectory(
        IsoEntry directory,
        uint lba,
        uint size
    )
    {
        var offset = (long)lba * Sizes.Block;
        var structure = $"directory {directory.Path}";
        if (!visited.Add(lba))
        {
            throw new IsoFormatException(
                structure,
                offset,
                "directory extent already read (a directory loop)"
            );
        }
        if (size == 0 || size > limits.MaxDirectoryBytes)
        {
            throw new IsoFormatException(
                structure,
                offset,
                $"size {size} is not a plausible directory size"
            );
        }
        var bytes = source.ReadBytes(offset, (int)size, structure);
        var results = new List<(IsoEntry, uint, uint)>();
        var sections = new List<IsoExtent>();
        DirectoryRecord? first = null;
        var firstBlockOffset = 0;
        var position = 0;
        var index = 0;
        while (position < bytes.Length)
        {
            var blockEnd = (position / Sizes.Block + 1) * Sizes.Block;
            var record = DirectoryRecord.Read(
                bytes.AsSpan(position, Math.Min(blockEnd, bytes.Length) - position),
                offset + position
            );
            if (record is not { } r)
            {
                position = blockEnd;
                continue;
            }
            var recordPosition = position;
            position += r.RecordLength;
            if (index++ < 2 && r.IsSelfOrParent)
            {
                continue;
            }
            if (r.IsSelfOrParent || (r.Flags & DirectoryRecordFields.FlagAssociated) != 0)
            {
                continue;
            }
            if (++entries > limits.MaxEntries)
            {
                throw new IsoFormatException(
                    structure,
                    offset + recordPosition,
                    $"more than {limits.MaxEntries} entries"
                );
            }
            if (r.IsMultiExtent || sections.Count > 0)
            {
                if (
                    sections.Count > 0
                    && !first!.Value.Identifier.AsSpan().SequenceEqual(r.Identifier)
                )
                {
                    throw new IsoFormatException(
                        structure,
                        offset + recordPosition,
                        "multi-extent file sections have different names"
                    );
                }
                if (sections.Count == 0)
                {
                    first = r;
                    firstBlockOffset = recordPosition;
                }
                sections.Add(new IsoExtent(r.ExtentLba, r.DataLength));
                if (sections.Count > limits.MaxSections)
                {
                    throw new IsoFormatException(
                        structure,
                        offset + recordPosition,
                        $"more than {limits.MaxSections} file sections"
                    );
                }
                if (r.IsMultiExtent)
                {
                    continue;
                }
                var built = Build(
                    directory,
                    first!.Value,
                    bytes,
                    offset,
                    firstBlockOffset,
                    [.. sections]
                );
                sections.Clear();
                if (built is { } b)
                {
                    results.Add(b);
                }
                continue;
            }
            var single = Build(
                directory,
                r,
                bytes,
                offset,
                recordPosition,
                [new IsoExtent(r.ExtentLba, r.DataLength)]
            );
            if (single is { } s)
            {
                results.Add(s);
            }
        }
        if (sections.Count > 0)
        {
            throw new IsoFormatException(
                structure,
                offset + bytes.Length,
                "multi-extent file has no final section"
            );
        }
        return results;
    }

    private (IsoEntry, uint, uint)? Build(
        IsoEntry directory,
        DirectoryRecord record,
        byte[] bytes,
        long directoryOffset,
        int recordPosition,
        IsoExtent[] extents
    )
    {
        var isoName = Encoding.Latin1.GetString(record.Identifier);
        RockRidgeInfo? info = null;
        if (RockRidge)
        {
            try
            {
                info = Susp(
                    bytes.AsSpan(recordPosition),
                    record,
                    directoryOffset + recordPosition,
                    suspSkip,
                    $"the directory record '{isoName}' in {directory.Path}"
                );
            }
            catch (IsoFormatException damage) when (!strict)
            {
                // One bad entry costs that entry's Rock Ridge data, not the whole image: Linux
                // and osirrox read the rest too. Strict readers (our own CDs) refuse instead.
                damagedEntries.Add(damage);
                var fallback = StripVersion(isoName);
                warnings.Add(
                    $"{(directory.Path == "/" ? "" : directory.Path)}/{fallback}: damaged Rock Ridge entry: {damage.Message}; shown with its ISO 9660 name and default metadata, so its Rock Ridge name, type, mode, owner, times and any symlink target are lost"
                );
            }
        }
        if (info is { Relocated: true })
        {
            return null; // shown where its CL placeholder is
        }
        var name = NameOf(record, info);
        if (name is null)
        {
            warnings.Add($"{directory.Path}: skipped an entry with an unusable name");
            return null;
        }
        var path = directory.Path == "/" ? "/" + name : directory.Path + "/" + name;
        var lba = record.ExtentLba;
        var size = record.DataLength;
        var isDirectory = record.IsDirectory;
        if (info?.ChildLink is { } childLba)
        {
            // A relocated directory (RRIP 4.1.5.1): its real extent and size are in its own '.' record.
            var childOffset = (long)childLba * Sizes.Block;
            var childBlock = source.ReadBytes(
                childOffset,
                Sizes.Block,
                $"relocated directory {path}"
            );
            var dot =
                DirectoryRecord.Read(childBlock, childOffset)
                ?? throw new IsoFormatException(
                    $"relocated directory {path}",
                    childOffset,
                    "no '.' record"
                );
            (lba, size, isDirectory) = (childLba, dot.DataLength, true);
            if (
                info.Mode is null
                || (info.Mode & PosixModeBits.TypeMask) != PosixModeBits.Directory
            )
            {
                var dotInfo = Susp(
                    childBlock,
                    dot,
                    childOffset,
                    suspSkip,
                    $"the '.' record of relocated directory {path}"
                );
                info.Mode = dotInfo.Mode ?? PosixModeBits.Directory | 0x16D;
                info.Uid = dotInfo.Uid;
                info.Gid = dotInfo.Gid;
                info.Links = dotInfo.Links;
            }
        }
        EntryKind kind;
        if (isDirectory)
        {
            kind = EntryKind.Directory;
        }
        else
        {
            kind = info?.Mode is { } mode
                ? PosixModeBits.KindOf(mode) ?? EntryKind.File
                : EntryKind.File;
            if (kind == EntryKind.Directory)
            {
                kind = EntryKind.File; // PX says directory but the record has no directory extent
            }
        }
        var entry = Entry(
            record,
            info,
            name,
            path,
            directory,
            kind == EntryKind.File ? extents : [],
            kind
        );
        directory.Children.Add(entry);
        return (entry, lba, size);
    }

    private RockRidgeInfo Susp(
        ReadOnlySpan<byte> recordBytes,
        DirectoryRecord record,
        long recordOffset,
        int skip,
        string owner
    )
    {
        var start = record.SystemUseOffset + skip;
        var area = start < record.RecordLength ? recordBytes[start..record.RecordLength] : [];
        return SuspReader.Parse(source, area, recordOffset + start, owner, limits);
    }

    private string? NameOf(DirectoryRecord record, RockRidgeInfo? info)
    {
        string name;
        if (info?.Name is { } rockRidgeName)
        {
            name = rockRidgeName;
        }
        else if (view == IsoView.Joliet)
        {
            name = Encoding.BigEndianUnicode.GetString(
                record.Identifier,
                0,
                record.Identifier.Length & ~1
            );
            name = StripVersion(name);
        }
        else
        {
            name = StripVersion(Encoding.Latin1.GetString(record.Identifier));
            if (!record.IsDirectory && name.EndsWith('.'))
            {
                name = name[..^1];
            }
        }
        if (name.Contains('/') || name.Contains('\0'))
        {
            warnings.Add(
                $"name '{name.Replace("\0", "\\0")}' contains '/' or NUL; replaced with '_'"
            );
            name = name.Replace('/', '_').Replace('\0', '_');
        }
        return name is "" or "." or ".." ? null : name;
    }

    private static string StripVersion(string name)
    {
        var semicolon = name.LastIndexOf(';');
        return semicolon > 0 ? name[..semicolon] : name;
    }

    private IsoEntry Entry(
        DirectoryRecord record,
        RockRidgeInfo? info,
        string name,
        string path,
        IsoEntry? parent,
        IsoExtent[] extents,
        EntryKind kind
    )
    {
        var modify = info?.Modify ?? record.RecordingTime;
        var (major, minor) = info?.Device is { } device ? DeviceNumber.Decode(device) : (0u, 0u);
        var size = extents.Sum(e => (long)e.Length);
        int? zisofs = null;
        if (kind == EntryKind.File && info?.ZfBlockLog2 is { } log2)
        {
            zisofs = log2;
            size = info.ZfSize;
        }
        ulong inode;
        if (info?.Serial is { } serial and not 0)
        {
            inode = serial;
        }
        else if (kind == EntryKind.File && size > 0 && extents.Length > 0)
        {
            inode = extents[0].Lba;
        }
        else
        {
            inode = syntheticInode++;
        }
        return new IsoEntry
        {
            Name = name,
            Path = path,
            Parent = parent,
            Kind = kind,
            // Without PX, r-xr-xr-x for files and directories alike, as Linux shows a mounted
            // image: fs/isofs/inode.c isofs_read_inode, with no mode=/dmode= option, sets
            // S_IFDIR | S_IRUGO | S_IXUGO and S_IFREG | S_IRUGO | S_IXUGO ("The disc could be
            // shared with DOS machines so virtually anything could be a valid executable").
            Permissions = info?.Mode is { } mode ? mode & PosixModeBits.PermissionMask : 0x16Du,
            Uid = info?.Uid ?? 0,
            Gid = info?.Gid ?? 0,
            LinkCount = info is { Links: > 0 } ? info.Links : 1,
            Size = kind == EntryKind.File ? size : 0,
            ModificationTime = modify,
            AccessTime = info?.Access ?? modify,
            ChangeTime = info?.Attributes ?? modify,
            SymlinkTarget =
                kind == EntryKind.Symlink ? info?.SymlinkTarget?.ToString() ?? "" : null,
            DeviceMajor = major,
            DeviceMinor = minor,
            Extents = extents,
            ZisofsBlockSizeLog2 = zisofs,
            Inode = inode,
            Hidden = (record.Flags & DirectoryRecordFields.FlagHidden) != 0,
        };
    }
}
