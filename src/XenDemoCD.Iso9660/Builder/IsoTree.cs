namespace XenDemoCD.Iso9660;

/// <summary>
/// The tree to be mastered. Paths are '/'-separated and relative to the image root; missing
/// parent directories are created with <see cref="DefaultDirectoryMetadata"/>.
/// </summary>
public sealed partial class IsoTree
{
    /// <summary>An empty tree: only a root directory with <see cref="PosixMetadata.Directory"/> (0755, root-owned).</summary>
    public IsoTree()
    {
        Root = new TreeDirectory("", PosixMetadata.Directory);
    }

    /// <summary>The root directory of the image; its <see cref="TreeEntry.Path"/> is "/" and its name is empty.</summary>
    public TreeDirectory Root { get; }

    /// <summary>Metadata for directories created implicitly as parents.</summary>
    public PosixMetadata DefaultDirectoryMetadata { get; set; } = PosixMetadata.Directory;

    /// <summary>
    /// Adds a directory, or returns the one already at <paramref name="path"/>; "" or "/" is the
    /// root. Missing parents are created.
    /// </summary>
    /// <param name="path">The directory's path in the image, e.g. "boot/grub".</param>
    /// <param name="metadata">
    /// Its metadata; when given it also replaces that of an existing directory. Null leaves an
    /// existing directory as it is and gives a new one <see cref="DefaultDirectoryMetadata"/>.
    /// </param>
    /// <returns>The new or existing directory.</returns>
    /// <exception cref="InvalidOperationException">A non-directory of that name exists.</exception>
    /// <exception cref="ArgumentException">A name is "." or "..", holds NUL, or a parent is not a directory.</exception>
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

    /// <summary>Adds a regular file; missing parents are created.</summary>
    /// <param name="path">The file's path in the image, e.g. "XenDemoCD/VERSION".</param>
    /// <param name="content">Where its bytes come from; share one instance only through <see cref="AddHardLink"/>.</param>
    /// <param name="metadata">Its metadata; null gives <see cref="PosixMetadata.File"/> (0644, root-owned).</param>
    /// <returns>The new file, e.g. to set <see cref="TreeFile.Zisofs"/>.</returns>
    /// <exception cref="InvalidOperationException">An entry of that name exists.</exception>
    /// <exception cref="ArgumentException">The path names the root, a name is invalid, or a parent is not a directory.</exception>
    public TreeFile AddFile(string path, FileContent content, PosixMetadata? metadata = null)
    {
        var (parent, name) = ParentOf(path);
        var file = new TreeFile(RequireName(path, name), content, metadata ?? PosixMetadata.File);
        parent.Add(file);
        return file;
    }

    /// <summary>Adds a symbolic link (Rock Ridge SL); missing parents are created.</summary>
    /// <param name="path">The link's path in the image, e.g. "lib64".</param>
    /// <param name="target">What it points at, stored as given, e.g. "lib".</param>
    /// <param name="metadata">Its metadata; null gives <see cref="PosixMetadata.Symlink"/> (0777, root-owned).</param>
    /// <returns>The new symlink.</returns>
    /// <exception cref="InvalidOperationException">An entry of that name exists.</exception>
    /// <exception cref="ArgumentException">The path names the root, a name is invalid, or a parent is not a directory.</exception>
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

    /// <summary>The entry at <paramref name="path"/> ("" or "/" is the root), or null if there is none.</summary>
    /// <param name="path">A '/'-separated path in the image; a leading '/' is optional.</param>
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

    /// <summary>Removes the entry at <paramref name="path"/>, with everything below it if it is a directory.</summary>
    /// <param name="path">A '/'-separated path in the image; the root cannot be removed.</param>
    /// <returns>True if an entry was removed; false if there was none or the path names the root.</returns>
    /// <exception cref="ArgumentException">A parent directory on the path does not exist or is not a directory.</exception>
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
