namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// The tree as the image's directories show it: without the entries marked hidden (and the El
/// Torito files when they are hidden too), with the boot catalog where it is placed.
/// </summary>
internal sealed class VisibleTree(IsoTree tree)
{
    private readonly HashSet<TreeEntry> hidden = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TreeDirectory, List<TreeEntry>> added = new(
        ReferenceEqualityComparer.Instance
    );

    public IsoTree Tree { get; } = tree;

    public void Hide(TreeEntry entry) => hidden.Add(entry);

    /// <summary>An entry the image adds to a directory of the tree (the boot catalog).</summary>
    public void Add(TreeDirectory directory, TreeEntry entry) => added[directory] = [entry];

    public bool IsVisible(TreeEntry entry) => !entry.Hidden && !hidden.Contains(entry);

    public IEnumerable<TreeEntry> Children(TreeDirectory directory)
    {
        var children = directory.Children.Where(IsVisible);
        return added.TryGetValue(directory, out var extra) ? children.Concat(extra) : children;
    }
}
