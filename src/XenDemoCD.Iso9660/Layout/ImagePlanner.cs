using System.Text;
using XenDemoCD.Iso9660.Format;
using XenDemoCD.Iso9660.Posix;
using XenDemoCD.Posix;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// Lays out an image from a tree: names, Rock Ridge areas, sizes, then every LBA. Reads file
/// contents only for zisofs (to learn the compressed size); everything else is metadata.
/// </summary>
internal sealed class ImagePlanner
{
    private readonly IsoTree tree;
    private readonly IsoImageOptions options;
    private readonly Dictionary<FileContent, DataItem> dataByContent = new(
        ReferenceEqualityComparer.Instance
    );
    private readonly List<DataItem> dataInOrder = [];
    private readonly HashSet<TreeEntry> hidden = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TreeDirectory, List<TreeEntry>> extraChildren = new(
        ReferenceEqualityComparer.Instance
    );
    private TreeFile? catalogEntry;
    private TreeFile? biosEntry;
    private TreeFile? efiEntry;
    private uint nextSerial = 1;
    private readonly Dictionary<TreeEntry, uint> directorySerials = new(
        ReferenceEqualityComparer.Instance
    );

    private readonly CancellationToken cancellation;

    private ImagePlanner(IsoTree tree, IsoImageOptions options, CancellationToken cancellation)
    {
        this.tree = tree;
        this.options = options;
        this.cancellation = cancellation;
    }

    public static ImagePlan Plan(
        IsoTree tree,
        IsoImageOptions options,
        CancellationToken cancellation = default
    ) => new ImagePlanner(tree, options, cancellation).Build();

    private ImagePlan Build()
    {
        ResolveBootFiles();
        CountLinks();
        var primary = BuildTree(joliet: false);
        var joliet = options.Joliet ? BuildTree(joliet: true) : null;
        var plan = new ImagePlan
        {
            Options = options,
            Primary = primary,
            Joliet = joliet,
            Data = dataInOrder,
        };
        ZisofsPlanning.Plan(dataInOrder, options.ZisofsBlockSizeLog2, cancellation);
        AssignBlocks(plan);
        if (options.Boot is { } boot)
        {
            ElToritoPlanning.Plan(
                plan,
                boot,
                biosEntry is null ? null : DataOf(biosEntry),
                efiEntry is null ? null : DataOf(efiEntry)
            );
        }
        HybridPartitions.Plan(plan, options);
        return plan;
    }

    private void ResolveBootFiles()
    {
        var boot = options.Boot;
        if (boot is null)
        {
            return;
        }
        if (boot.BiosImage is null && boot.EfiImage is null)
        {
            throw new ArgumentException("El Torito options name neither a BIOS nor an EFI image");
        }
        biosEntry = BootFile(boot.BiosImage, "BIOS");
        efiEntry = BootFile(boot.EfiImage, "EFI");
        var catalogContent = FileContent.FromBytes(new byte[Sizes.Block]);
        var catalogParts = IsoTree.Split(boot.CatalogPath);
        var catalogDirectory =
            tree.Find(string.Join('/', catalogParts[..^1])) as TreeDirectory
            ?? throw new ArgumentException(
                $"boot catalog path {boot.CatalogPath}: parent directory is not in the tree"
            );
        if (catalogDirectory[catalogParts[^1]] is not null)
        {
            throw new ArgumentException($"boot catalog path {boot.CatalogPath} is already taken");
        }
        catalogEntry = new TreeFile(
            catalogParts[^1],
            catalogContent,
            PosixMetadata.File with
            {
                Permissions = Convert.ToUInt32("444", 8),
            }
        );
        var catalogItem = new DataItem(catalogContent, Sizes.Block)
        {
            Transform = DataTransform.BootCatalog,
        };
        dataByContent[catalogContent] = catalogItem;
        if (boot.HideBootFiles)
        {
            hidden.Add(catalogEntry);
            foreach (var entry in new[] { biosEntry, efiEntry })
            {
                if (entry is not null)
                {
                    hidden.Add(entry);
                }
            }
        }
        else
        {
            extraChildren[catalogDirectory] = [catalogEntry];
        }
    }

    private TreeFile? BootFile(string? path, string what)
    {
        if (path is null)
        {
            return null;
        }
        return tree.Find(path) as TreeFile
            ?? throw new ArgumentException($"{what} boot image {path} is not a file in the tree");
    }

    private bool IsVisible(TreeEntry entry) => !entry.Hidden && !hidden.Contains(entry);

    private IEnumerable<TreeEntry> VisibleChildren(TreeDirectory directory)
    {
        var children = directory.Children.Where(IsVisible);
        return extraChildren.TryGetValue(directory, out var extra)
            ? children.Concat(extra)
            : children;
    }

    /// <summary>nlink of each extent: the number of visible names sharing it.</summary>
    private void CountLinks()
    {
        var stack = new Stack<TreeDirectory>();
        stack.Push(tree.Root);
        while (stack.Count > 0)
        {
            foreach (var child in VisibleChildren(stack.Pop()))
            {
                switch (child)
                {
                    case TreeDirectory directory:
                        stack.Push(directory);
                        break;
                    case TreeFile file:
                        DataOf(file).Links++;
                        break;
                }
            }
        }
    }

    private DataItem DataOf(TreeFile file)
    {
        if (!dataByContent.TryGetValue(file.Content, out var item))
        {
            item = new DataItem(file.Content, file.Content.Length);
            dataByContent[file.Content] = item;
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
    private DataItem Register(DataItem item)
    {
        if (item.Serial == 0)
        {
            item.Serial = nextSerial++;
            dataInOrder.Add(item);
        }
        return item;
    }

    private TreePlan BuildTree(bool joliet)
    {
        var plan = new TreePlan(joliet);
        var root = new DirectoryPlan(tree.Root, null, [0]);
        plan.Directories.Add(root);
        if (!joliet)
        {
            foreach (var boot in new[] { biosEntry, efiEntry })
            {
                if (boot is not null)
                {
                    Register(DataOf(boot));
                }
            }
        }
        // Breadth first: the path table order (level, parent number, identifier).
        for (var index = 0; index < plan.Directories.Count; index++)
        {
            var directory = plan.Directories[index];
            if (index >= ushort.MaxValue)
            {
                throw new InvalidOperationException(
                    $"more than {ushort.MaxValue - 1} directories: path tables cannot number them"
                );
            }
            directory.Number = (ushort)(index + 1);
            directory.Time = TimesOf(directory.Source).Modify;
            var children = VisibleChildren(directory.Source)
                .Where(c => !joliet || c is TreeDirectory or TreeFile)
                .ToList();
            var records = joliet ? JolietRecords(children) : PrimaryRecords(children);
            records.Sort((a, b) => CompareIdentifiers(a.Identifier, b.Identifier, joliet));
            foreach (var record in records)
            {
                record.Time = TimesOf(record.Entry).Modify;
                switch (record.Entry)
                {
                    case TreeDirectory sub:
                        record.Directory = new DirectoryPlan(sub, directory, record.Identifier);
                        plan.Directories.Add(record.Directory);
                        break;
                    case TreeFile file:
                        record.Data = Register(DataOf(file));
                        break;
                }
                if (!joliet)
                {
                    record.Susp = SuspAreas.Fit(
                        RockRidgeOf(record.Entry, record),
                        AvailableIn(record.Identifier.Length),
                        directory.Continuations
                    );
                }
                directory.Children.Add(record);
            }
            if (!joliet)
            {
                var self = RockRidgeOf(directory.Source, null);
                if (directory.Parent is null)
                {
                    self.Insert(0, RockRidgeEntries.Sp());
                    self.Add(RockRidgeEntries.Er());
                }
                directory.SelfSusp = SuspAreas.Fit(self, AvailableIn(1), directory.Continuations);
                directory.ParentSusp = SuspAreas.Fit(
                    RockRidgeOf((directory.Parent ?? directory).Source, null),
                    AvailableIn(1),
                    directory.Continuations
                );
            }
        }
        // Directory sizes: records laid out block by block.
        foreach (var directory in plan.Directories)
        {
            foreach (var _ in directory.Slots()) { }
            directory.Size = (uint)((directory.End + Sizes.Block - 1) / Sizes.Block * Sizes.Block);
        }
        plan.PathTableSize = (uint)
            plan.Directories.Sum(d => PathTableRecord.SizeOf(d.Identifier.Length));
        return plan;
    }

    private static int CompareIdentifiers(byte[] a, byte[] b, bool joliet)
    {
        if (joliet)
        {
            return a.AsSpan().SequenceCompareTo(b);
        }
        return IsoNames.Compare(SplitIdentifier(a), SplitIdentifier(b));
    }

    private static (string, string) SplitIdentifier(byte[] identifier)
    {
        var text = Encoding.ASCII.GetString(identifier);
        var semicolon = text.IndexOf(';');
        if (semicolon >= 0)
        {
            text = text[..semicolon];
        }
        var dot = text.IndexOf('.');
        return dot >= 0 ? (text[..dot], text[(dot + 1)..]) : (text, "");
    }

    private static List<RecordPlan> PrimaryRecords(List<TreeEntry> children)
    {
        var names = IsoNames.Assign(children.Select(c => (c.Name, c is TreeDirectory)).ToList());
        return children
            .Select(
                (c, i) =>
                    new RecordPlan(
                        c,
                        IsoNames.Identifier(names[i].Name, names[i].Extension, c is TreeDirectory)
                    )
            )
            .ToList();
    }

    private static List<RecordPlan> JolietRecords(List<TreeEntry> children)
    {
        var names = JolietNames.Assign(children.Select(c => c.Name).ToList());
        return children
            .Select((c, i) => new RecordPlan(c, JolietNames.Identifier(names[i])))
            .ToList();
    }

    /// <summary>Bytes left for the System Use area in a record with this identifier (records are even, ≤ 254).</summary>
    private static int AvailableIn(int identifierLength) =>
        Sizes.MaxDirectoryRecord - 1 - DirectoryRecord.SizeOf(identifierLength, 0);

    private (DateTimeOffset Modify, DateTimeOffset Access, DateTimeOffset Change) TimesOf(
        TreeEntry entry
    )
    {
        var stamp = options.Timestamp;
        var m = entry.Metadata;
        return options.FileTimes switch
        {
            FileTimePolicy.Timestamp => (stamp, stamp, stamp),
            FileTimePolicy.ClampToTimestamp => (
                Min(m.ModificationTime ?? stamp, stamp),
                Min(m.AccessTime ?? stamp, stamp),
                Min(m.ChangeTime ?? stamp, stamp)
            ),
            _ => (m.ModificationTime ?? stamp, m.AccessTime ?? stamp, m.ChangeTime ?? stamp),
        };

        static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }

    /// <summary>The RRIP entries describing one entry (for '.' and '..' no NM).</summary>
    private List<byte[]> RockRidgeOf(TreeEntry entry, RecordPlan? record)
    {
        var entries = new List<byte[]>(6);
        uint links = 1;
        uint serial;
        switch (entry)
        {
            case TreeDirectory directory:
                links = 2 + (uint)VisibleChildren(directory).Count(c => c is TreeDirectory);
                serial = SerialOf(directory);
                break;
            case TreeFile file:
                var item = DataOf(file);
                links = Math.Max(item.Links, 1);
                serial = Register(item).Serial;
                break;
            default:
                serial = SerialOf(entry);
                break;
        }
        var mode =
            PosixModeBits.TypeBits(entry.Kind)
            | (entry.Metadata.Permissions & PosixModeBits.PermissionMask);
        entries.Add(
            RockRidgeEntries.Px(mode, links, entry.Metadata.Uid, entry.Metadata.Gid, serial)
        );
        var (modify, access, change) = TimesOf(entry);
        entries.Add(RockRidgeEntries.Tf(modify, access, change));
        if (record is not null)
        {
            entries.AddRange(RockRidgeEntries.Nm(entry.Name));
        }
        switch (entry)
        {
            case TreeSymlink link:
                entries.AddRange(RockRidgeEntries.Sl(link.Target));
                break;
            case TreeSpecial { Kind: EntryKind.CharacterDevice or EntryKind.BlockDevice } device:
                entries.Add(RockRidgeEntries.Pn(DeviceNumber.Encode(device.Major, device.Minor)));
                break;
            case TreeFile file when record is not null:
                // ZF is added once the zisofs plan exists (see PlanZisofs); reserve its place now.
                if (DataOf(file).Transform == DataTransform.Zisofs)
                {
                    entries.Add(
                        RockRidgeEntries.Zf(
                            options.ZisofsBlockSizeLog2,
                            (uint)DataOf(file).SourceLength
                        )
                    );
                }
                break;
        }
        return entries;
    }

    private uint SerialOf(TreeEntry entry)
    {
        if (!directorySerials.TryGetValue(entry, out var serial))
        {
            serial = nextSerial++;
            directorySerials[entry] = serial;
        }
        return serial;
    }

    private void AssignBlocks(ImagePlan plan)
    {
        uint lba = Sizes.FirstDescriptorBlock;
        plan.PvdLba = lba++;
        if (options.Boot is not null)
        {
            plan.BootRecordLba = lba++;
        }
        if (plan.Joliet is not null)
        {
            plan.SvdLba = lba++;
        }
        plan.TerminatorLba = lba++;
        if (options.Boot is not null)
        {
            plan.CatalogLba = lba++;
            dataByContent.Values.Single(d => d.Transform == DataTransform.BootCatalog).Lba =
                plan.CatalogLba.Value;
        }
        foreach (var treePlan in new[] { plan.Primary, plan.Joliet })
        {
            if (treePlan is null)
            {
                continue;
            }
            treePlan.LPathTableLba = lba;
            lba += treePlan.PathTableBlocks;
            treePlan.MPathTableLba = lba;
            lba += treePlan.PathTableBlocks;
        }
        foreach (var treePlan in new[] { plan.Primary, plan.Joliet })
        {
            foreach (var directory in treePlan?.Directories ?? [])
            {
                directory.Lba = lba;
                lba += directory.Size / Sizes.Block;
                directory.ContinuationBlocks = PlaceContinuations(directory.Continuations, lba);
                lba += directory.ContinuationBlocks;
            }
        }
        plan.EmptyExtentLba = lba;
        foreach (var item in dataInOrder)
        {
            if (item.Transform == DataTransform.BootCatalog)
            {
                continue;
            }
            item.Lba = item.StoredLength == 0 ? plan.EmptyExtentLba : lba;
            var end = (long)lba + item.Blocks;
            if (end > uint.MaxValue)
            {
                throw new InvalidOperationException("image larger than 8 TiB");
            }
            lba = (uint)end;
        }
        dataInOrder.RemoveAll(d => d.Transform == DataTransform.BootCatalog);
        plan.DataEndLba = lba;
        var needsGpt = options.Hybrid is { Gpt: true } && efiEntry is not null;
        var tailBlocks = needsGpt
            ? (PartitionTables.BackupSectors * Sizes.Sector + Sizes.Block - 1) / Sizes.Block
            : 0;
        plan.TotalBlocks = lba + (uint)tailBlocks;
    }

    /// <summary>Packs areas into blocks from <paramref name="firstLba"/>, none crossing a block; returns blocks used.</summary>
    private static uint PlaceContinuations(List<ContinuationArea> areas, uint firstLba)
    {
        if (areas.Count == 0)
        {
            return 0;
        }
        var lba = firstLba;
        var offset = 0;
        foreach (var area in areas)
        {
            if (offset + area.Length > Sizes.Block)
            {
                lba++;
                offset = 0;
            }
            area.Lba = lba;
            area.Offset = offset;
            offset += area.Length;
        }
        return lba - firstLba + 1;
    }
}
