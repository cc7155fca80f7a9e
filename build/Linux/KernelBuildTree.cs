using System.Formats.Tar;
using System.IO.Compression;

namespace XenDemoCD.Build.Linux;

/// <summary>
/// The part of a Linux tree that <c>make tinyconfig vmlinux</c> reads: the workload of
/// xendemo-bench's kernel build, small enough (about 40 MB, 7,000 files) to unpack on a RAM root.
/// Found in what kbuild recorded of a build of the whole tree (each <c>.*.cmd</c> file holds a
/// command line and the files it read), with every <c>Kconfig</c>, <c>Makefile</c> and
/// <c>Kbuild</c> file (tinyconfig parses the whole Kconfig tree, and make includes the rest), the
/// <c>scripts/</c> directory (kbuild runs some of its scripts by name) and the directories in
/// <see cref="WholeDirectories"/>. A second build from the packed tree proves nothing was left out.
/// </summary>
public static class KernelBuildTree
{
    /// <summary>
    /// Kept whole, because the build reads them without a <c>.cmd</c> record or decides by what
    /// they hold: the configuration fragments tinyconfig merges, the header directories (the
    /// uapi wrappers are made for each header the architecture lacks), and objtool's sources
    /// under <c>tools/</c>, built with their own build system.
    /// </summary>
    private static readonly string[] WholeDirectories =
    [
        "kernel/configs/",
        "arch/x86/configs/",
        "include/",
        "arch/x86/include/",
        "arch/x86/tools/",
        "tools/arch/x86/",
        "tools/build/",
        "tools/include/",
        "tools/lib/",
        "tools/objtool/",
        "tools/scripts/",
    ];

    /// <summary>The tree's files, relative to <paramref name="source"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Files(string source, string objects)
    {
        var root = Path.GetFullPath(source).TrimEnd('/') + "/";
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (
            var record in Directory.EnumerateFiles(objects, ".*.cmd", SearchOption.AllDirectories)
        )
        {
            foreach (var token in Tokens(File.ReadAllText(record)))
            {
                var index = token.IndexOf(root, StringComparison.Ordinal);
                if (index < 0)
                {
                    continue;
                }
                // "…/source/kernel/../include/x.h" is include/x.h; a path leaving the tree is not the tree's.
                var full = Path.GetFullPath(token[index..]);
                if (full.StartsWith(root, StringComparison.Ordinal) && IsRegularFile(full))
                {
                    files.Add(full[root.Length..]);
                }
            }
        }
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = file[root.Length..];
            var name = Path.GetFileName(relative);
            if (
                (
                    name.StartsWith("Kconfig", StringComparison.Ordinal)
                    || name.StartsWith("Makefile", StringComparison.Ordinal)
                    || name.StartsWith("Kbuild", StringComparison.Ordinal)
                    || relative.StartsWith("scripts/", StringComparison.Ordinal)
                    || WholeDirectories.Any(d => relative.StartsWith(d, StringComparison.Ordinal))
                    || IsCoreDataFile(relative)
                    || !relative.Contains('/')
                ) && IsRegularFile(file)
            )
            {
                files.Add(relative);
            }
        }
        return [.. files];
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
        using (var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true))
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

    private static GnuTarEntry Entry(
        TarEntryType type,
        string name,
        int mode,
        DateTimeOffset time
    ) =>
        new(type, name)
        {
            Mode = (UnixFileMode)mode,
            ModificationTime = time,
            AccessTime = time,
            ChangeTime = time,
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
    /// Every file but C and assembly sources outside the directories a tinyconfig build of x86
    /// compiles nothing from: make reads some data files (<c>timeconst.bc</c>, syscall tables,
    /// linker scripts) through relative paths that no <c>.cmd</c> record names in full.
    /// </summary>
    private static bool IsCoreDataFile(string relative) =>
        !relative.EndsWith(".c", StringComparison.Ordinal)
        && !relative.EndsWith(".S", StringComparison.Ordinal)
        && (
            relative.StartsWith("arch/x86/", StringComparison.Ordinal)
            || !OutsideTheCore.Any(d => relative.StartsWith(d, StringComparison.Ordinal))
        );

    private static readonly string[] OutsideTheCore =
    [
        "Documentation/",
        "LICENSES/",
        "arch/",
        "drivers/",
        "rust/",
        "samples/",
        "sound/",
        "tools/",
    ];

    /// <summary>A .cmd file's words: make syntax, so split on blanks, backslashes, colons and parentheses.</summary>
    private static IEnumerable<string> Tokens(string text) =>
        text.Split(
            [' ', '\t', '\n', '\\', ':', '(', ')', ',', ';', '\'', '"', '='],
            StringSplitOptions.RemoveEmptyEntries
        );

    private static bool IsRegularFile(string path) =>
        new FileInfo(path) is { Exists: true, LinkTarget: null };
}
