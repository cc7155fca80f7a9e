namespace XenDemoCD.Iso9660;

/// <summary>
/// The tree to be mastered. Paths are '/'-separated and relative to the image root; missing
/// parent directories are created with <see cref="DefaultDirectoryMetadata"/>.
/// </summary>
public sealed partial class IsoTree
{
    public IsoTree()
    {
        Root = new TreeDirectory("", PosixMetadata.Directory);
    }

    public TreeDirectory Root { get; }

    /// <summary>Metadata for directories created implicitly as parents.</summary>
    public PosixMetadata DefaultDirectoryMetadata { get; set; } = PosixMetadata.Directory;

    public TreeDirectory AddDirectory(string path, PosixMetadata? metadata = null)
    {
        var (parent, name) = ParentOf(path);
        if (name.Length == 0)
        {
            if (metadata is not null)
            {
                Root.Metadata = metadata;
            }
            return Root;
        }
        if (parent[name] is TreeDirectory existing)
        {
            if (metadata is not null)
            {
                existing.Metadata = metadata;
            }
            return existing;
        }
        var directory = new TreeDirectory(name, metadata ?? DefaultDirectoryMetadata);
        parent.Add(directory);
        return directory;
    }

    public TreeFile AddFile(string path, FileContent content, PosixMetadata? metadata = null)
    {
        var (parent, name) = ParentOf(path);
        var file = new TreeFile(RequireName(path, name), content, metadata ?? PosixMetadata.File);
        parent.Add(file);
        return file;
    }

    public TreeSymlink AddSymlink(string path, string target, PosixMetadata? metadata = null)
    {
        var (parent, name) = ParentOf(path);
        var link = new TreeSymlink(
            RequireName(path, name),
            target,
            metadata ?? PosixMetadata.Symlink
        );
        parent.Add(link);
        return link;
    }

    /// <summary>A second name for an existing regular file: same extent, same inode, nlink counts both.</summary>
    public TreeFile AddHardLink(string path, string existingPath)
    {
        if (Find(existingPath) is not TreeFile existing)
        {
            throw new ArgumentException($"{existingPath} is not a regular file in the tree");
        }
        var (parent, name) = ParentOf(path);
        var link = new TreeFile(RequireName(path, name), existing.Content, existing.Metadata)
        {
            Zisofs = existing.Zisofs,
        };
        parent.Add(link);
        return link;
    }

    /// <summary>A character/block device (with its numbers), fifo or socket.</summary>
    public TreeSpecial AddSpecial(
        string path,
        EntryKind kind,
        uint major = 0,
        uint minor = 0,
        PosixMetadata? metadata = null
    )
    {
        var (parent, name) = ParentOf(path);
        var node = new TreeSpecial(
            RequireName(path, name),
            kind,
            major,
            minor,
            metadata ?? new PosixMetadata { Permissions = Convert.ToUInt32("600", 8) }
        );
        parent.Add(node);
        return node;
    }

    public TreeEntry? Find(string path)
    {
        TreeEntry current = Root;
        foreach (var part in Split(path))
        {
            if (current is not TreeDirectory directory || directory[part] is not { } child)
            {
                return null;
            }
            current = child;
        }
        return current;
    }

    public bool Remove(string path)
    {
        var (parent, name) = ParentOf(path, createParents: false);
        return name.Length > 0 && parent.Remove(name);
    }

    /// <summary>Every entry, depth first, children in name order (the root is not included).</summary>
    public IEnumerable<TreeEntry> Walk()
    {
        var stack = new Stack<TreeEntry>();
        foreach (var child in Root.Children.Reverse())
        {
            stack.Push(child);
        }
        while (stack.Count > 0)
        {
            var entry = stack.Pop();
            yield return entry;
            if (entry is TreeDirectory directory)
            {
                foreach (var child in directory.Children.Reverse())
                {
                    stack.Push(child);
                }
            }
        }
    }

    private (TreeDirectory Parent, string Name) ParentOf(string path, bool createParents = true)
    {
        var parts = Split(path);
        if (parts.Length == 0)
        {
            return (Root, "");
        }
        var directory = Root;
        foreach (var part in parts[..^1])
        {
            switch (directory[part])
            {
                case TreeDirectory existing:
                    directory = existing;
                    break;
                case null when createParents:
                    var created = new TreeDirectory(part, DefaultDirectoryMetadata);
                    directory.Add(created);
                    directory = created;
                    break;
                case null:
                    throw new ArgumentException($"{path}: parent '{part}' does not exist");
                default:
                    throw new ArgumentException($"{path}: '{part}' is not a directory");
            }
        }
        return (directory, parts[^1]);
    }

    private static string RequireName(string path, string name) =>
        name.Length > 0 ? name : throw new ArgumentException($"'{path}' names the root");

    internal static string[] Split(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            if (part is "." or ".." || part.Contains('\0'))
            {
                throw new ArgumentException($"'{path}': '{part}' is not a valid name");
            }
        }
        return parts;
    }
}
