namespace XenDemoCD.Build.RootFs;

/// <summary>
/// A root filesystem as a sorted map of paths to nodes: read from a tar (mmdebstrap writes one,
/// with correct owners even without root), changed by the overlay and layout rules, and written
/// back as tars. Sorted by ordinal path, which is also the order every output is written in.
/// </summary>
public sealed class RootTree
{
    private readonly SortedDictionary<string, RootNode> nodes = new(StringComparer.Ordinal);

    public int Count => nodes.Count;

    public IEnumerable<RootNode> Nodes => nodes.Values;

    public RootNode? this[string path] => nodes.GetValueOrDefault(RootNode.Normalize(path));

    public bool Contains(string path) => nodes.ContainsKey(RootNode.Normalize(path));

    public void Set(RootNode node)
    {
        var path = RootNode.Normalize(node.Path);
        if (path.Length == 0)
        {
            return;
        }
        nodes[path] = node with { Path = path };
    }

    /// <summary>Removes a path and, for a directory, everything below it; returns what was removed.</summary>
    public IReadOnlyList<RootNode> Remove(string path)
    {
        var normalized = RootNode.Normalize(path);
        var removed = Below(normalized).ToList();
        if (nodes.TryGetValue(normalized, out var node))
        {
            removed.Insert(0, node);
        }
        foreach (var gone in removed)
        {
            nodes.Remove(gone.Path);
        }
        return removed;
    }

    /// <summary>Every node strictly below a directory path.</summary>
    public IEnumerable<RootNode> Below(string directory)
    {
        var prefix = RootNode.Normalize(directory) + "/";
        return nodes
            .Values.Where(n => n.Path.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Adds missing parent directories (root-owned, 0755) for every node.</summary>
    public void AddMissingParents(long mtime)
    {
        foreach (var node in nodes.Values.ToList())
        {
            var path = node.Path;
            while (path.LastIndexOf('/') is var slash and > 0)
            {
                path = path[..slash];
                nodes.TryAdd(path, RootNode.Directory(path, mtime));
            }
        }
    }
}
