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

    /// <summary>The directory holding this entry; null for the root.</summary>
    public TreeDirectory? Parent { get; internal set; }

    /// <summary>
    /// Owner, permissions and times written for this entry (Rock Ridge PX and TF). Replacing it
    /// changes this entry only, not other hard links to the same content.
    /// </summary>
    public PosixMetadata Metadata { get; set; }

    /// <summary>The POSIX file type, which sets the type bits of the Rock Ridge PX mode.</summary>
    public abstract EntryKind Kind { get; }

    /// <summary>Left out of every directory (its data is still written, e.g. a hidden boot image).</summary>
    public bool Hidden { get; set; }

    /// <summary>The absolute path in the image, '/'-separated: "/" for the root, "/dir/name" below it.</summary>
    public string Path =>
        Parent is null ? "/"
        : Parent.Parent is null ? "/" + Name
        : Parent.Path + "/" + Name;

    /// <summary>The kind and path, e.g. "File /boot/xen.gz", for messages and debugging.</summary>
    public override string ToString() => $"{Kind} {Path}";
}

/// <summary>
/// A directory of the tree. Create one with <see cref="IsoTree.AddDirectory"/>; its children are
/// unique by exact (ordinal) name.
/// </summary>
public sealed class TreeDirectory : TreeEntry
{
    private readonly SortedDictionary<string, TreeEntry> children = new(StringComparer.Ordinal);

    internal TreeDirectory(string name, PosixMetadata metadata)
        : base(name, metadata) { }

    /// <summary>Always <see cref="EntryKind.Directory"/>.</summary>
    public override EntryKind Kind => EntryKind.Directory;

    /// <summary>Children in ordinal name order, so iteration (and the image) is deterministic.</summary>
    public IEnumerable<TreeEntry> Children => children.Values;

    /// <summary>The number of direct children (not counting deeper entries).</summary>
    public int Count => children.Count;

    /// <summary>The direct child with exactly this name (ordinal comparison), or null.</summary>
    /// <param name="name">A single name, not a path.</param>
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

/// <summary>
/// A regular file of the tree. Create one with <see cref="IsoTree.AddFile"/>, or a further name
/// for one with <see cref="IsoTree.AddHardLink"/>.
/// </summary>
public sealed class TreeFile : TreeEntry
{
    internal TreeFile(string name, FileContent content, PosixMetadata metadata)
        : base(name, metadata) => Content = content;

    /// <summary>Always <see cref="EntryKind.File"/>.</summary>
    public override EntryKind Kind => EntryKind.File;

    /// <summary>Shared with every hard link of this file.</summary>
    public FileContent Content { get; }

    /// <summary>Store this file zisofs-compressed (Linux decompresses it transparently).</summary>
    public bool Zisofs { get; set; }
}

/// <summary>
/// A symbolic link of the tree, written as Rock Ridge SL entries (Joliet has no symlinks).
/// Create one with <see cref="IsoTree.AddSymlink"/>.
/// </summary>
public sealed class TreeSymlink : TreeEntry
{
    internal TreeSymlink(string name, string target, PosixMetadata metadata)
        : base(name, metadata) => Target = target;

    /// <summary>Always <see cref="EntryKind.Symlink"/>.</summary>
    public override EntryKind Kind => EntryKind.Symlink;

    /// <summary>
    /// What the link points at, stored as given (relative or absolute, never resolved or checked
    /// against the tree).
    /// </summary>
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

    /// <summary>
    /// <see cref="EntryKind.CharacterDevice"/>, <see cref="EntryKind.BlockDevice"/>,
    /// <see cref="EntryKind.Fifo"/> or <see cref="EntryKind.Socket"/>.
    /// </summary>
    public override EntryKind Kind { get; }

    /// <summary>The device's major number, written in the Rock Ridge PN entry of a device (0 for a fifo or socket).</summary>
    public uint Major { get; }

    /// <summary>The device's minor number, written in the Rock Ridge PN entry of a device (0 for a fifo or socket).</summary>
    public uint Minor { get; }
}
