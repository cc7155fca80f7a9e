using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>How a file's bytes are transformed on their way into the image.</summary>
internal enum DataTransform
{
    Copy,
    Zisofs,
    BiosBootImage,
    BootCatalog,
}

/// <summary>One extent of file data: shared by every hard link (and both trees) that names it.</summary>
internal sealed class DataItem(FileContent? content, long sourceLength)
{
    public FileContent? Content { get; } = content;

    public long SourceLength { get; } = sourceLength;

    public long StoredLength { get; set; } = sourceLength;

    public DataTransform Transform { get; set; }

    public ZisofsPlan? Zisofs { get; set; }

    public uint Lba { get; set; }

    public uint Serial { get; set; }

    public uint Links { get; set; }

    public long Blocks => (StoredLength + Sizes.Block - 1) / Sizes.Block;

    /// <summary>Directory records this file needs: one per 0xFFFFF800-byte section (ECMA-119 level 3).</summary>
    public int Sections =>
        StoredLength <= uint.MaxValue
            ? 1
            : (int)((StoredLength + Sizes.MaxSection - 1) / Sizes.MaxSection);
}

/// <summary>
/// A record's System Use area: what fits in the record, and the rest as continuation areas
/// chained by CE entries (each area inside one block, as Linux requires).
/// </summary>
internal sealed class SuspArea(byte[] inRecord, List<ContinuationArea> continuations)
{
    public byte[] InRecord { get; } = inRecord;

    public List<ContinuationArea> Continuations { get; } = continuations;

    public int RecordLength =>
        InRecord.Length + (Continuations.Count > 0 ? RockRidgeEntries.CeLength : 0);
}

internal sealed class ContinuationArea(byte[] body, bool chained)
{
    public byte[] Body { get; } = body;

    /// <summary>Ends with a CE to the next area.</summary>
    public bool Chained { get; } = chained;

    public int Length => Body.Length + (Chained ? RockRidgeEntries.CeLength : 0);

    public uint Lba { get; set; }

    public int Offset { get; set; }
}

/// <summary>One child of a directory as recorded (possibly several records when multi-extent).</summary>
internal sealed class RecordPlan(TreeEntry entry, byte[] identifier)
{
    public TreeEntry Entry { get; } = entry;

    public byte[] Identifier { get; } = identifier;

    public DirectoryPlan? Directory { get; set; }

    public DataItem? Data { get; set; }

    public SuspArea? Susp { get; set; }

    public DateTimeOffset Time { get; set; }

    public int Sections => Data?.Sections ?? 1;

    public int RecordLength => DirectoryRecord.SizeOf(Identifier.Length, Susp?.RecordLength ?? 0);
}

internal sealed class DirectoryPlan(TreeDirectory source, DirectoryPlan? parent, byte[] identifier)
{
    public TreeDirectory Source { get; } = source;

    public DirectoryPlan? Parent { get; } = parent;

    /// <summary>Identifier in the path table (0x00 for the root).</summary>
    public byte[] Identifier { get; } = identifier;

    public List<RecordPlan> Children { get; } = [];

    /// <summary>
    /// Continuation areas of this directory's records, in blocks right after its extent:
    /// libarchive reads a CE only when it lies just behind the directory that refers to it.
    /// </summary>
    public List<ContinuationArea> Continuations { get; } = [];

    public uint ContinuationBlocks { get; set; }

    public SuspArea? SelfSusp { get; set; }

    public SuspArea? ParentSusp { get; set; }

    public DateTimeOffset Time { get; set; }

    public ushort Number { get; set; }

    public uint Lba { get; set; }

    public uint Size { get; set; }

    public int SelfRecordLength => DirectoryRecord.SizeOf(1, SelfSusp?.RecordLength ?? 0);

    public int ParentRecordLength => DirectoryRecord.SizeOf(1, ParentSusp?.RecordLength ?? 0);

    /// <summary>
    /// Record positions within the directory: records never cross a block boundary, so a
    /// record that would is moved to the next block. Yields (offset, child or null, section).
    /// </summary>
    public IEnumerable<(int Offset, RecordPlan? Child, int Section)> Slots()
    {
        var position = 0;
        yield return (0, null, 0);
        position += SelfRecordLength;
        yield return (position, null, 1);
        position += ParentRecordLength;
        foreach (var child in Children)
        {
            var length = child.RecordLength;
            for (var section = 0; section < child.Sections; section++)
            {
                if (position / Sizes.Block != (position + length - 1) / Sizes.Block)
                {
                    position = (position / Sizes.Block + 1) * Sizes.Block;
                }
                yield return (position, child, section);
                position += length;
            }
        }
        End = position;
    }

    /// <summary>Set by enumerating <see cref="Slots"/> to the end.</summary>
    public int End { get; private set; }
}

/// <summary>One directory tree (ECMA-119 with Rock Ridge, or Joliet) in path table order.</summary>
internal sealed class TreePlan(bool joliet)
{
    public bool Joliet { get; } = joliet;

    public List<DirectoryPlan> Directories { get; } = [];

    public DirectoryPlan Root => Directories[0];

    public uint PathTableSize { get; set; }

    public uint LPathTableLba { get; set; }

    public uint MPathTableLba { get; set; }

    public uint PathTableBlocks => (PathTableSize + Sizes.Block - 1) / Sizes.Block;
}
