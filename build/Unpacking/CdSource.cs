using System.Globalization;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// The CD's whole tree as root-filesystem nodes (paths relative to the CD's top, so <c>bin/ls</c>
/// is the running system's <c>/usr/bin/ls</c>), read from an ISO file, a block device, or a
/// directory where the CD is mounted. File nodes stream their bytes from the CD on demand.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CdSource : IDisposable
{
    private readonly IsoImage? image;

    private CdSource(string description, RootTree tree, IsoImage? image)
    {
        Description = description;
        Tree = tree;
        this.image = image;
    }

    /// <summary>What was read and how, for the log ("ISO image x.iso (Rock Ridge)").</summary>
    public string Description { get; }

    public RootTree Tree { get; }

    /// <summary>Whether owners, modes, hard links and devices are exact (read from the image itself).</summary>
    public bool Exact => image is not null;

    public static CdSource Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            // The device under a mount point gives exact metadata when readable; the mounted
            // files themselves lose hard links (isofs numbers inodes by position).
            if (MountedDevice(full) is { } device && CanRead(device))
            {
                return FromImage(device, $"{device} (the device mounted on {full})");
            }
            return new CdSource(
                $"the directory {full} (a mounted CD: metadata from lstat)",
                MountedTree.Read(full),
                null
            );
        }
        IsoArgument.RequireExists(path);
        return FromImage(full, full);
    }

    private static CdSource FromImage(string path, string description)
    {
        Stream stream = new FileStream(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            1 << 16
        );
        if (stream.Length == 0 && UnixCalls.LStat(path).TypeBits == 0x6000)
        {
            stream = new IO.StreamWindow(stream, 0, BlockDeviceSize(path), ownsInner: true);
        }
        var image = IsoImage.Open(stream, strict: true); // every entry exact, or no unpack
        try
        {
            if (!image.HasRockRidge)
            {
                throw new UnpackException(
                    description,
                    "/",
                    "has no Rock Ridge extensions, so owners, modes and links of the root tree are unknown (this is not a XenDemoCD image)"
                );
            }
            var tree = IsoTreeOf(image, description);
            return new CdSource($"{description} (Rock Ridge)", tree, image);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static RootTree IsoTreeOf(IsoImage image, string description)
    {
        var entries = image.Enumerate(IsoView.RockRidge).ToList();
        // The reader replaces unusable names ('/', NUL) and skips '.', '..' and empty ones; for
        // an unpack that is a hostile or broken image, not something to paper over.
        if (
            image.Warnings.FirstOrDefault(w => w.Contains("name", StringComparison.Ordinal)) is
            { } warning
        )
        {
            throw new UnpackException(
                description,
                warning.Split(':')[0],
                $"has an entry with an unsafe name ({warning})"
            );
        }
        var tree = new RootTree();
        var firstOfInode = new Dictionary<ulong, string>();
        foreach (var entry in entries.OrderBy(e => e.Path, StringComparer.Ordinal))
        {
            if (entry.Hidden || IsBootCatalog(image, entry))
            {
                continue; // the El Torito catalog: made anew by the mastering
            }
            var path = RootNode.Normalize(entry.Path);
            var mode = (UnixFileMode)(entry.Permissions & 0xFFF);
            var mtime = entry.ModificationTime.ToUnixTimeSeconds();
            var uid = (int)entry.Uid;
            var gid = (int)entry.Gid;
            RootNode node = entry.Kind switch
            {
                EntryKind.Directory => new RootNode(
                    path,
                    NodeKind.Directory,
                    mode,
                    uid,
                    gid,
                    mtime
                ),
                EntryKind.Symlink => new RootNode(
                    path,
                    NodeKind.Symlink,
                    mode,
                    uid,
                    gid,
                    mtime,
                    entry.SymlinkTarget ?? ""
                ),
                EntryKind.CharacterDevice => new RootNode(
                    path,
                    NodeKind.CharDevice,
                    mode,
                    uid,
                    gid,
                    mtime,
                    null,
                    (int)entry.DeviceMajor,
                    (int)entry.DeviceMinor
                ),
                EntryKind.BlockDevice => new RootNode(
                    path,
                    NodeKind.BlockDevice,
                    mode,
                    uid,
                    gid,
                    mtime,
                    null,
                    (int)entry.DeviceMajor,
                    (int)entry.DeviceMinor
                ),
                EntryKind.Fifo => new RootNode(path, NodeKind.Fifo, mode, uid, gid, mtime),
                EntryKind.File
                    when entry.LinkCount > 1
                        && firstOfInode.TryGetValue(entry.Inode, out var leader) => new RootNode(
                    path,
                    NodeKind.HardLink,
                    mode,
                    uid,
                    gid,
                    mtime,
                    leader
                ),
                EntryKind.File => new RootNode(
                    path,
                    NodeKind.File,
                    mode,
                    uid,
                    gid,
                    mtime,
                    Content: Content(image, entry)
                ),
                _ => throw new UnpackException(
                    description,
                    "/" + path,
                    $"is a {entry.Kind}, which a root tree cannot hold"
                ),
            };
            if (entry.Kind == EntryKind.File && entry.LinkCount > 1)
            {
                firstOfInode.TryAdd(entry.Inode, path);
            }
            tree.Set(node);
        }
        return tree;
    }

    private static bool IsBootCatalog(IsoImage image, IsoEntry entry) =>
        image.BootCatalogLba is { } lba && entry.Extents.Count > 0 && entry.Extents[0].Lba == lba;

    private static StreamContent Content(IsoImage image, IsoEntry entry) =>
        new(entry.Size, () => image.OpenRead(entry));

    /// <summary>The source of the mount whose mount point is exactly this directory.</summary>
    private static string? MountedDevice(string directory)
    {
        const string mountInfo = "/proc/self/mountinfo";
        if (!File.Exists(mountInfo))
        {
            return null;
        }
        foreach (var line in File.ReadLines(mountInfo))
        {
            // ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-");
            if (fields.Length < 5 || dash < 0 || dash + 2 >= fields.Length)
            {
                continue;
            }
            var mountPoint = fields[4].Replace("\\040", " ", StringComparison.Ordinal);
            if (mountPoint == directory.TrimEnd('/') && fields[dash + 1] == "iso9660")
            {
                return fields[dash + 2];
            }
        }
        return null;
    }

    private static bool CanRead(string device)
    {
        try
        {
            using var stream = File.OpenRead(device);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long BlockDeviceSize(string device)
    {
        var name = Path.GetFileName(
            new FileInfo(device).ResolveLinkTarget(true)?.FullName ?? device
        );
        var sectors = File.ReadAllText($"/sys/class/block/{name}/size").Trim();
        return long.Parse(sectors, CultureInfo.InvariantCulture) * 512;
    }

    public void Dispose() => image?.Dispose();
}
