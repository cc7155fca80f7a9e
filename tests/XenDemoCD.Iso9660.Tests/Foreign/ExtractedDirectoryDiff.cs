using System.Security.Cryptography;
using XenDemoCD.Iso9660.Posix;

namespace XenDemoCD.Iso9660.Tests.Foreign;

/// <summary>
/// Two extractions of one image, compared entry by entry with lstat: names, types, modes, link
/// targets, file bytes, hard-link identity and mtimes, each only where asked for.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class ExtractedDirectoryDiff
{
    public static List<string> Compare(string ours, string theirs, bool hardLinks, bool mtimes)
    {
        var differences = new List<string>();
        var ourPaths = Relative(ours);
        var theirPaths = Relative(theirs);
        differences.AddRange(theirPaths.Except(ourPaths).Select(p => $"{p}: only osirrox made it"));
        differences.AddRange(ourPaths.Except(theirPaths).Select(p => $"{p}: only we made it"));
        var ourGroups = new Dictionary<ulong, string>();
        var theirGroups = new Dictionary<ulong, string>();
        foreach (var path in ourPaths.Intersect(theirPaths).Order(StringComparer.Ordinal))
        {
            var (a, b) = (Path.Join(ours, path), Path.Join(theirs, path));
            var (sa, sb) = (PosixFileSystem.LStat(a), PosixFileSystem.LStat(b));
            var (ka, kb) = (PosixModeBits.KindOf(sa.Mode), PosixModeBits.KindOf(sb.Mode));
            if (ka != kb)
            {
                differences.Add($"{path}: we made a {ka}, osirrox a {kb}");
                continue;
            }
            if (ka != EntryKind.Symlink && (sa.Mode & 0xFFF) != (sb.Mode & 0xFFF))
            {
                differences.Add(
                    $"{path}: mode {Convert.ToString(sa.Mode & 0xFFF, 8)}, osirrox {Convert.ToString(sb.Mode & 0xFFF, 8)}"
                );
            }
            if (ka == EntryKind.Symlink && new FileInfo(a).LinkTarget != new FileInfo(b).LinkTarget)
            {
                differences.Add(
                    $"{path}: link to '{new FileInfo(a).LinkTarget}', osirrox '{new FileInfo(b).LinkTarget}'"
                );
            }
            if (ka != EntryKind.File)
            {
                continue;
            }
            if (
                !SHA256
                    .HashData(File.ReadAllBytes(a))
                    .SequenceEqual(SHA256.HashData(File.ReadAllBytes(b)))
            )
            {
                differences.Add($"{path}: bytes differ");
            }
            if (mtimes && sa.ModificationTime != sb.ModificationTime)
            {
                differences.Add(
                    $"{path}: mtime {sa.ModificationTime}, osirrox {sb.ModificationTime}"
                );
            }
            if (hardLinks)
            {
                // The same partner for both: the first path seen with that inode.
                var ourLeader = ourGroups.TryAdd(sa.Inode, path) ? path : ourGroups[sa.Inode];
                var theirLeader = theirGroups.TryAdd(sb.Inode, path) ? path : theirGroups[sb.Inode];
                if (ourLeader != theirLeader)
                {
                    differences.Add(
                        $"{path}: hard-linked to {ourLeader}, osirrox to {theirLeader}"
                    );
                }
            }
        }
        return differences;
    }

    private static HashSet<string> Relative(string root) =>
        Directory
            .EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p))
            .ToHashSet(StringComparer.Ordinal);
}
