using System.Formats.Tar;
using System.IO.Compression;

namespace XenDemoCD.Build.Linux;

/// <summary>
/// The part of a Linux tree that <c>make tinyconfig vmlinux</c> needs: the workload of
/// xendemo-bench's kernel build, small enough to unpack on a RAM root. Kept: the trees in
/// <see cref="WholeTrees"/>; every file a record names; every file but sources of each directory
/// a build from the whole tree visited (the object tree has a <c>.*.cmd</c> record there); every
/// <c>Kconfig</c>, <c>Makefile</c> and <c>Kbuild</c> file (tinyconfig parses the whole Kconfig
/// tree, and make includes the rest); the files at the top. Data files go by directory, not only
/// by record, because make reads some that no record names (<c>timeconst.bc</c>, the
/// configuration fragments tinyconfig merges, the uapi headers it tests for). A second build
/// from the packed tree proves nothing was left out.
/// </summary>
public static class KernelBuildTree
{
    /// <summary>
    /// Kept whole: x86 and the headers (the uapi wrappers are made for each header the
    /// architecture lacks, by testing which exist), kbuild's scripts (some run by name), the
    /// configuration fragments tinyconfig merges, and objtool's sources under <c>tools/</c>,
    /// built with their own build system.
    /// </summary>
    private static readonly string[] WholeTrees =
    [
        "arch/x86/",
        "include/",
        "kernel/configs/",
        "scripts/",
        "tools/arch/x86/",
        "tools/build/",
        "tools/include/",
        "tools/lib/",
        "tools/objtool/",
        "tools/scripts/",
    ];

    /// <summary>Headers of drivers and subsystems an x86 tinyconfig has none of: kept only where a record names them.</summary>
    private static readonly string[] HeadersLeftOut =
    [
        "include/drm/",
        "include/dt-bindings/",
        "include/media/",
        "include/net/",
        "include/sound/",
    ];

    /// <summary>The tree's files, relative to <paramref name="source"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Files(string source, string objects)
    {
        var root = Path.GetFullPath(source).TrimEnd('/') + "/";
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var objectTree = Path.GetFullPath(objects);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        foreach (
            var record in Directory.EnumerateFiles(objects, ".*.cmd", SearchOption.AllDirectories)
        )
        {
            visited.Add(Path.GetRelativePath(objects, Path.GetDirectoryName(record)!));
            foreach (var token in Tokens(File.ReadAllText(record)))
            {
                // Relative names are from the object tree, where kbuild runs every command; ccache
                // (CCACHE_BASEDIR) writes the dependency lists that way. "…/source/kernel/../include/x.h"
                // is include/x.h; a path leaving the tree is not the tree's.
                var index = token.IndexOf(root, StringComparison.Ordinal);
                var full = Path.GetFullPath(index >= 0 ? token[index..] : token, objectTree);
                if (full.StartsWith(root, StringComparison.Ordinal) && IsRegularFile(full))
                {
                    files.Add(full[root.Length..]);
                }
            }
        }
        // Symbolic links are left out and not followed: scripts/dtc/include-prefixes links every
        // architecture's device trees into the tree a second time.
        var walk = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
        };
        foreach (var file in Directory.EnumerateFiles(root, "*", walk))
        {
            var relative = file[root.Length..];
            if (Kept(relative, visited) && IsRegularFile(file))
            {
                files.Add(relative);
            }
        }
        return [.. files];
    }

    private static bool Kept(string relative, HashSet<string> visited)
    {
        var name = Path.GetFileName(relative);
        var directory = Path.GetDirectoryName(relative) is { Length: > 0 } d ? d : ".";
        return name.StartsWith("Kconfig", StringComparison.Ordinal)
            || name.StartsWith("Makefile", StringComparison.Ordinal)
            || name.StartsWith("Kbuild", StringComparison.Ordinal)
            || directory == "."
            || (visited.Contains(directory) && !IsSource(name))
            || (
                WholeTrees.Any(t => relative.StartsWith(t, StringComparison.Ordinal))
                && !HeadersLeftOut.Any(h => relative.StartsWith(h, StringComparison.Ordinal))
            );
    }

    /// <summary>
    /// Packs <paramref name="files"/> as a gzip'd tar, the same bytes for the same files: sorted,
    /// owned by root, every time <paramref name="time"/>, modes as in the tree (scripts stay
    /// executable).
    /// </summary>
    public static void Write(
        string source,
        IReadOnlyList<string> files,
        string archive,
        DateTimeOffset time,
        string top
    )
    {
        using var output = new FileStream(archive, FileMode.CreateNew, FileAccess.Write);
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        // ustar, not GNU: .NET writes a GNU entry's access and change times where ustar has its
        // name prefix, and Python's tarfile (xendemo-bench unpacks with it) then reads
        // "15303407100/linux/…". The tree's names are far below ustar's limits.
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var directory in Directories(files).Prepend(""))
            {
                tar.WriteEntry(
                    Entry(
                        TarEntryType.Directory,
                        $"{top}/{directory}".TrimEnd('/') + "/",
                        0b111_101_101,
                        time
                    )
                );
            }
            foreach (var file in files)
            {
                var path = Path.Combine(source, file);
                var executable = (new FileInfo(path).UnixFileMode & UnixFileMode.UserExecute) != 0;
                var entry = Entry(
                    TarEntryType.RegularFile,
                    $"{top}/{file}",
                    executable ? 0b111_101_101 : 0b110_100_100,
                    time
                );
                using var data = File.OpenRead(path);
                entry.DataStream = data;
                tar.WriteEntry(entry);
            }
        }
        output.Flush(flushToDisk: true);
    }

    private static UstarTarEntry Entry(
        TarEntryType type,
        string name,
        int mode,
        DateTimeOffset time
    ) =>
        new(type, name)
        {
            Mode = (UnixFileMode)mode,
            ModificationTime = time,
            Uid = 0,
            Gid = 0,
            UserName = "root",
            GroupName = "root",
        };

    /// <summary>Every directory that holds one of <paramref name="files"/>, parents first.</summary>
    private static IEnumerable<string> Directories(IEnumerable<string> files)
    {
        var directories = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            for (var slash = file.IndexOf('/'); slash > 0; slash = file.IndexOf('/', slash + 1))
            {
                directories.Add(file[..slash]);
            }
        }
        return directories;
    }

    /// <summary>
    /// C, assembly, header and Rust files: in a visited directory outside <see cref="WholeTrees"/>
    /// kept only where a record names them. Make descends into many driver directories and
    /// compiles nothing there; what it compiles and includes is recorded.
    /// </summary>
    private static bool IsSource(string name) =>
        Path.GetExtension(name) is ".c" or ".S" or ".h" or ".rs";

    /// <summary>A .cmd file's words: make syntax, so split on blanks, backslashes, colons and parentheses.</summary>
    private static IEnumerable<string> Tokens(string text) =>
        text.Split(
            [' ', '\t', '\n', '\\', ':', '(', ')', ',', ';', '\'', '"', '='],
            StringSplitOptions.RemoveEmptyEntries
        );

    private static bool IsRegularFile(string path) =>
        new FileInfo(path) is { Exists: true, LinkTarget: null };
}
