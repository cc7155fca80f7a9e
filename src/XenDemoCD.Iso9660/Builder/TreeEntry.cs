namespace XenDemoCD.Iso9660;

/// <summary>One node of the tree to be mastered (the builder model; the reader has its own).</summary>
public abstract class TreeEntry
{
    private protected TreeEntry(string name, PosixMetadata metadata)
    {
        Name = name;
        Metadata = metadata;
    }

    /// <summary>The real (Rock Ridge) name: any bytes but '/' and NUL, as UTF-8.</summary>
    public string Name { get; internal set; }

    public TreeDirectory? Parent { get; internal set; }

    public PosixMetadata Metadata { get; set; }

    public abstract EntryKind Kind { get; }

    /// <summary>Left out of every directory (its data is still written, e.g. a hidden boot image).</summary>
    public bool Hidden { get; set; }

    public string Path =>
        Parent is null ? "/"
        : Parent.Parent is null ? "/" + Name
        : Parent.Path + "/" + Name;

    public override string ToString() => $"{Kind} {Path}";
}

public sealed class TreeDirectory : TreeEntry
{
    private readonly SortedDictionary<string, TreeEntry> children = new(StringComparer.Ordinal);

    internal TreeDirectory(string name, PosixMetadata metadata)
        : base(name, metadata) { }

    public override EntryKind Kind => EntryKind.Directory;

    /// <summary>Children in ordinal name order, so iteration (and the image) is deterministic.</summary>
    public IEnumerable<TreeEntry> Children => children.Values;

    public int Count => children.Count;

    public TreeEntry? this[string name] => children.GetValueOrDefault(name);

    internal void Add(TreeEntry entry)
    {
        if (!children.TryAdd(entry.Name, entry))
        {
            throw new InvalidOperationException($"{Path}: '{entry.Name}' already exists");
        }
        entry.Parent = this;
    }

    internal bool Remove(string name) => children.Remove(name);
}

public sealed class TreeFile : TreeEntry
{
    internal TreeFile(string name, FileContent content, PosixMetadata metadata)
        : base(name, metadata) => Content = content;

    public override EntryKind Kind => EntryKind.File;

    /// <summary>Shared with every hard link of this file.</summary>
    public FileContent Content { get; }

    /// <summary>Store this file zisofs-compressed (Linux decompresses it transparently).</summary>
    public bool Zisofs { get; set; }
}

public sealed class TreeSymlink : TreeEntry
{
    internal TreeSymlink(string name, string target, PosixMetadata metadata)
        : base(name, metadata) => Target = target;

    public override EntryKind Kind => EntryKind.Symlink;

    public string Target { get; }
}

/// <summary>A character or block device, fifo or socket: metadata only, no data.</summary>
public sealed class TreeSpecial : TreeEntry
{
    internal TreeSpecial(
        string name,
        EntryKind kind,
        uint major,
        uint minor,
        PosixMetadata metadata
    )
        : base(name, metadata)
    {
        if (kind is EntryKind.File or EntryKind.Directory or EntryKind.Symlink)
        {
            throw new ArgumentException($"{kind} is not a special file", nameof(kind));
        }
        Kind = kind;
        Major = major;
        Minor = minor;
    }

    public override EntryKind Kind { get; }

    public uint Major { get; }

    public uint Minor { get; }
}
