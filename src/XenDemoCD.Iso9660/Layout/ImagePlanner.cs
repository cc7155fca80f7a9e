using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// Lays out an image from a tree, part by part as the specs divide it: El Torito's files
/// (<see cref="ElToritoFiles"/>), each tree's directory hierarchy in path table order with its
/// records (<see cref="DirectoryRecords"/>) and their Rock Ridge entries
/// (<see cref="RockRidgePlanning"/>, fitted by <see cref="SuspAreas"/>), zisofs
/// (<see cref="ZisofsPlanning"/>), every block (<see cref="BlockAllocation"/>), the boot catalog
/// (<see cref="ElToritoPlanning"/>) and the hybrid MBR/GPT (<see cref="HybridPartitions"/>).
/// Reads file contents only for zisofs (to learn the compressed size); everything else is
/// metadata.
/// </summary>
internal sealed class ImagePlanner
{
    private readonly IsoImageOptions options;
    private readonly CancellationToken cancellation;
    private readonly VisibleTree view;
    private readonly DataItems data = new();
    private readonly RockRidgePlanning rockRidge;
    private ElToritoFiles bootFiles = ElToritoFiles.None;

    private ImagePlanner(IsoTree tree, IsoImageOptions options, CancellationToken cancellation)
    {
        this.options = options;
        this.cancellation = cancellation;
        view = new VisibleTree(tree);
        rockRidge = new RockRidgePlanning(options, view, data);
    }

    public static ImagePlan Plan(
        IsoTree tree,
        IsoImageOptions options,
        CancellationToken cancellation = default
    ) => new ImagePlanner(tree, options, cancellation).Build();

    private ImagePlan Build()
    {
        bootFiles = ElToritoFiles.Resolve(options.Boot, view, data);
        data.CountLinks(view);
        var primary = BuildTree(joliet: false);
        var joliet = options.Joliet ? BuildTree(joliet: true) : null;
        var plan = new ImagePlan
        {
            Options = options,
            Primary = primary,
            Joliet = joliet,
            Data = data.InOrder,
        };
        ZisofsPlanning.Plan(data.InOrder, options.ZisofsBlockSizeLog2, cancellation);
        BlockAllocation.Assign(plan, options, data, hasEfi: bootFiles.Efi is not null);
        if (options.Boot is { } boot)
        {
            ElToritoPlanning.Plan(
                plan,
                boot,
                bootFiles.Bios is null ? null : data.Of(bootFiles.Bios),
                bootFiles.Efi is null ? null : data.Of(bootFiles.Efi)
            );
        }
        HybridPartitions.Plan(plan, options);
        return plan;
    }

    /// <summary>
    /// One tree's directories, breadth first (the path table order: level, parent number,
    /// identifier), each with its sorted records; the primary tree's with their Rock Ridge
    /// entries. The boot images' data comes first on the disc.
    /// </summary>
    private TreePlan BuildTree(bool joliet)
    {
        var plan = new TreePlan(joliet);
        plan.Directories.Add(new DirectoryPlan(view.Tree.Root, null, [0]));
        if (!joliet)
        {
            foreach (var boot in new[] { bootFiles.Bios, bootFiles.Efi })
            {
                if (boot is not null)
                {
                    data.Register(data.Of(boot));
                }
            }
        }
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
            directory.Time = EntryTimes.Of(directory.Source, options).Modify;
            var children = view.Children(directory.Source)
                .Where(c => !joliet || c is TreeDirectory or TreeFile)
                .ToList();
            foreach (var record in DirectoryRecords.Named(children, joliet))
            {
                record.Time = EntryTimes.Of(record.Entry, options).Modify;
                switch (record.Entry)
                {
                    case TreeDirectory sub:
                        record.Directory = new DirectoryPlan(sub, directory, record.Identifier);
                        plan.Directories.Add(record.Directory);
                        break;
                    case TreeFile file:
                        record.Data = data.Register(data.Of(file));
                        break;
                }
                if (!joliet)
                {
                    record.Susp = SuspAreas.Fit(
                        rockRidge.EntriesOf(record.Entry, named: true),
                        AvailableIn(record.Identifier.Length),
                        directory.Continuations
                    );
                }
                directory.Children.Add(record);
            }
            if (!joliet)
            {
                FitDotEntries(directory);
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

    /// <summary>
    /// The Rock Ridge entries of '.' and '..'; the root's '.' also carries SUSP's SP (first) and
    /// RRIP's ER (last), which announce the extensions.
    /// </summary>
    private void FitDotEntries(DirectoryPlan directory)
    {
        var self = rockRidge.EntriesOf(directory.Source, named: false);
        if (directory.Parent is null)
        {
            self.Insert(0, RockRidgeEntries.Sp());
            self.Add(RockRidgeEntries.Er());
        }
        directory.SelfSusp = SuspAreas.Fit(self, AvailableIn(1), directory.Continuations);
        directory.ParentSusp = SuspAreas.Fit(
            rockRidge.EntriesOf((directory.Parent ?? directory).Source, named: false),
            AvailableIn(1),
            directory.Continuations
        );
    }

    /// <summary>Bytes left for the System Use area in a record with this identifier (records are even, ≤ 254).</summary>
    private static int AvailableIn(int identifierLength) =>
        Sizes.MaxDirectoryRecord - 1 - DirectoryRecord.SizeOf(identifierLength, 0);
}
