using XenDemoCD.Iso9660.Format;
using XenDemoCD.Iso9660.Posix;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// The files El Torito points at: the BIOS and UEFI boot images, found in the tree, and the boot
/// catalog, which the image adds (read-only, one block) where the options place it, or hides
/// with the boot images.
/// </summary>
internal sealed record ElToritoFiles(TreeFile? Bios, TreeFile? Efi)
{
    public static readonly ElToritoFiles None = new(null, null);

    public static ElToritoFiles Resolve(ElToritoOptions? boot, VisibleTree view, DataItems data)
    {
        if (boot is null)
        {
            return None;
        }
        if (boot.BiosImage is null && boot.EfiImage is null)
        {
            throw new ArgumentException("El Torito options name neither a BIOS nor an EFI image");
        }
        var files = new ElToritoFiles(
            BootFile(view.Tree, boot.BiosImage, "BIOS"),
            BootFile(view.Tree, boot.EfiImage, "EFI")
        );
        var catalogContent = FileContent.FromBytes(new byte[Sizes.Block]);
        var catalogParts = IsoTree.Split(boot.CatalogPath);
        var catalogDirectory =
            view.Tree.Find(string.Join('/', catalogParts[..^1])) as TreeDirectory
            ?? throw new ArgumentException(
                $"boot catalog path {boot.CatalogPath}: parent directory is not in the tree"
            );
        if (catalogDirectory[catalogParts[^1]] is not null)
        {
            throw new ArgumentException($"boot catalog path {boot.CatalogPath} is already taken");
        }
        var catalog = new TreeFile(
            catalogParts[^1],
            catalogContent,
            PosixMetadata.File with
            {
                Permissions = Convert.ToUInt32("444", 8),
            }
        );
        data.AddCatalog(
            catalogContent,
            new DataItem(catalogContent, Sizes.Block) { Transform = DataTransform.BootCatalog }
        );
        if (boot.HideBootFiles)
        {
            foreach (var entry in new[] { catalog, files.Bios, files.Efi })
            {
                if (entry is not null)
                {
                    view.Hide(entry);
                }
            }
        }
        else
        {
            view.Add(catalogDirectory, catalog);
        }
        return files;
    }

    private static TreeFile? BootFile(IsoTree tree, string? path, string what) =>
        path is null
            ? null
            : tree.Find(path) as TreeFile
                ?? throw new ArgumentException(
                    $"{what} boot image {path} is not a file in the tree"
                );
}
