using System.Security.Cryptography;
using XenDemoCD.Iso9660.Posix;

namespace XenDemoCD.Iso9660.Tests.Support;

/// <summary>Compares a directory extracted by some tool with the tree that was mastered.</summary>
public static class ExtractedTreeComparer
{
    public static List<string> Compare(
        IsoTree expected,
        string directory,
        bool owners,
        bool specials = true,
        bool hardLinks = true,
        Func<TreeEntry, bool>? skip = null
    )
    {
        var problems = new List<string>();
        var inodes = new Dictionary<FileContent, ulong>(ReferenceEqualityComparer.Instance);
        foreach (var entry in expected.Walk().Where(e => skip?.Invoke(e) != true))
        {
            var path = Path.Join(directory, entry.Path);
            if (!Path.Exists(path) && new FileInfo(path).LinkTarget is null)
            {
                if (entry is TreeSpecial && !specials)
                {
                    continue;
                }
                problems.Add($"{entry.Path}: missing");
                continue;
            }
            var stat = PosixFileSystem.LStat(path);
            var kind = PosixModeBits.KindOf(stat.Mode);
            if (kind != entry.Kind)
            {
                problems.Add($"{entry.Path}: {kind}, expected {entry.Kind}");
                continue;
            }
            if (
                entry.Kind != EntryKind.Symlink
                && (stat.Mode & 0xFFF) != entry.Metadata.Permissions
            )
            {
                problems.Add(
                    $"{entry.Path}: mode {Convert.ToString(stat.Mode & 0xFFF, 8)}, expected {Convert.ToString(entry.Metadata.Permissions, 8)}"
                );
            }
            if (owners && (stat.Uid != entry.Metadata.Uid || stat.Gid != entry.Metadata.Gid))
            {
                problems.Add(
                    $"{entry.Path}: owner {stat.Uid}:{stat.Gid}, expected {entry.Metadata.Uid}:{entry.Metadata.Gid}"
                );
            }
            if (
                entry.Kind is not (EntryKind.Symlink or EntryKind.Directory)
                && DateTimeOffset.FromUnixTimeSeconds(stat.ModificationTime)
                    != entry.Metadata.ModificationTime
            )
            {
                problems.Add(
                    $"{entry.Path}: mtime {DateTimeOffset.FromUnixTimeSeconds(stat.ModificationTime)}, expected {entry.Metadata.ModificationTime}"
                );
            }
            switch (entry)
            {
                case TreeFile file:
                    var actual = SHA256.HashData(File.ReadAllBytes(path));
                    using (var source = file.Content.OpenRead())
                    {
                        if (!actual.AsSpan().SequenceEqual(SHA256.HashData(source)))
                        {
                            problems.Add($"{entry.Path}: content differs");
                        }
                    }
                    if (hardLinks)
                    {
                        if (inodes.TryGetValue(file.Content, out var inode) && inode != stat.Inode)
                        {
                            problems.Add($"{entry.Path}: not hard-linked to its other names");
                        }
                        inodes.TryAdd(file.Content, stat.Inode);
                    }
                    break;
                case TreeSymlink link:
                    var target = new FileInfo(path).LinkTarget;
                    if (target != link.Target)
                    {
                        problems.Add(
                            $"{entry.Path}: symlink to '{target}', expected '{link.Target}'"
                        );
                    }
                    break;
                case TreeSpecial
                {
                    Kind: EntryKind.CharacterDevice or EntryKind.BlockDevice
                } device:
                    if (stat.RdevMajor != device.Major || stat.RdevMinor != device.Minor)
                    {
                        problems.Add(
                            $"{entry.Path}: device {stat.RdevMajor},{stat.RdevMinor}, expected {device.Major},{device.Minor}"
                        );
                    }
                    break;
            }
        }
        return problems;
    }
}
