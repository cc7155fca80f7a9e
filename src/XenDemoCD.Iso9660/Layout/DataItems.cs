namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// The file contents the image stores, each once however many names share it (hard links and
/// equal content objects share one extent), in the order they are first met; and the serial
/// numbers Rock Ridge's PX gives files and directories. Files and directories draw serials from
/// one counter, in the order the planner meets them, so the numbers are stable for a tree.
/// </summary>
internal sealed class DataItems
{
    private readonly Dictionary<FileContent, DataItem> byContent = new(
        ReferenceEqualityComparer.Instance
    );
    private readonly Dictionary<TreeEntry, uint> otherSerials = new(
        ReferenceEqualityComparer.Instance
    );
    private uint nextSerial = 1;

    /// <summary>Every registered item, in the order its data goes on the disc.</summary>
    public List<DataItem> InOrder { get; } = [];

    /// <summary>The boot catalog's item, once <see cref="AddCatalog"/> made it.</summary>
    public DataItem? Catalog { get; private set; }

    /// <summary>The item of a content the image makes itself (the boot catalog).</summary>
    public void AddCatalog(FileContent content, DataItem item)
    {
        byContent[content] = item;
        Catalog = item;
    }

    /// <summary>The item holding <paramref name="file"/>'s content, made on first sight.</summary>
    public DataItem Of(TreeFile file)
    {
        if (!byContent.TryGetValue(file.Content, out var item))
        {
            item = new DataItem(file.Content, file.Content.Length);
            byContent[file.Content] = item;
        }
        // An empty file has nothing to compress and zisofs cannot describe it (mkzftree, too,
        // stores it plain), so a zisofs flag on it, e.g. from a whole-directory rule, is moot.
        if (file.Zisofs && item.SourceLength > 0)
        {
            item.Transform =
                item.Transform == DataTransform.Copy ? DataTransform.Zisofs : item.Transform;
        }
        return item;
    }

    /// <summary>Data items get their place in the order files are first met (boot images first).</summary>
    public DataItem Register(DataItem item)
    {
        if (item.Serial == 0)
        {
            item.Serial = nextSerial++;
            InOrder.Add(item);
        }
        return item;
    }

    /// <summary>The serial of an entry without data of its own: a directory, a link, a device.</summary>
    public uint SerialOf(TreeEntry entry)
    {
        if (!otherSerials.TryGetValue(entry, out var serial))
        {
            serial = nextSerial++;
            otherSerials[entry] = serial;
        }
        return serial;
    }

    /// <summary>nlink of each extent: the number of visible names sharing it.</summary>
    public void CountLinks(VisibleTree view)
    {
        var stack = new Stack<TreeDirectory>();
        stack.Push(view.Tree.Root);
        while (stack.Count > 0)
        {
            foreach (var child in view.Children(stack.Pop()))
            {
                switch (child)
                {
                    case TreeDirectory directory:
                        stack.Push(directory);
                        break;
                    case TreeFile file:
                        Of(file).Links++;
                        break;
                }
            }
        }
    }
}
