using Serilog;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Cpio;

namespace XenDemoCD.Build.Initrd;

/// <summary>
/// The kernel modules the initrd carries so linuxrc can reach the CD on a modular kernel: the
/// drivers of <c>irtree/modules.list</c> that are modules of this kernel, with everything they
/// depend on, uncompressed (busybox's modprobe reads plain .ko files), a modules.dep rewritten
/// for exactly those files, and <c>/etc/modules-initrd</c>, the load order.
/// </summary>
public sealed class InitrdModules
{
    public const string LoadList = "etc/modules-initrd";

    /// <summary>Marks a list entry that only some kernels have: its absence is not worth a warning.</summary>
    public const char OptionalMark = '?';

    private InitrdModules(
        IReadOnlyList<string> load,
        IReadOnlyList<KernelModuleIndex.Module> files,
        IReadOnlyList<string> missing
    )
    {
        Load = load;
        Files = files;
        Missing = missing;
    }

    /// <summary>What linuxrc modprobes, in order (the wanted modules that are not built in).</summary>
    public IReadOnlyList<string> Load { get; }

    /// <summary>Every module file copied: the wanted ones and their dependencies.</summary>
    public IReadOnlyList<KernelModuleIndex.Module> Files { get; }

    /// <summary>Wanted drivers, not marked optional, that the kernel has neither built in nor as modules.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>
    /// Reads the wanted list (one module a line, '#' comments, a trailing '?' for optional) and
    /// resolves it against the kernel.
    /// </summary>
    public static InitrdModules Select(string listFile, KernelModuleIndex index)
    {
        var load = new List<string>();
        var wanted = new List<KernelModuleIndex.Module>();
        var missing = new List<string>();
        foreach (var entry in ReadList(listFile))
        {
            var optional = entry.EndsWith(OptionalMark);
            var name = entry.TrimEnd(OptionalMark);
            if (index.Find(name) is { } module)
            {
                load.Add(module.Name);
                wanted.Add(module);
            }
            else if (index.IsBuiltin(name))
            {
                Log.Debug("Module {Module} is built into the kernel", name);
            }
            else if (optional)
            {
                Log.Debug("Optional module {Module} is not in this kernel", name);
            }
            else
            {
                missing.Add(name);
                Log.Warning(
                    "{List}: the kernel has no module {Module}, neither built in nor loadable; the initrd goes without it (check the name with `modinfo`, or the kernel's configuration)",
                    listFile,
                    name
                );
            }
        }
        return new InitrdModules(load, index.Closure(wanted), missing);
    }

    /// <summary>Adds the modules, the indexes and the load list under lib/modules/RELEASE/.</summary>
    public void AddTo(CpioArchiveBuilder archive, KernelModuleIndex index, string release)
    {
        if (Files.Count == 0)
        {
            return;
        }
        var root = $"lib/modules/{release}";
        foreach (var module in Files)
        {
            var source = Path.Combine(index.Directory, module.File);
            archive.AddFile(
                $"{root}/{KernelModuleIndex.Uncompressed(module.File)}",
                Uncompress(source),
                (UnixFileMode)0b110_100_100
            );
        }
        var dep = string.Concat(
            Files.Select(m =>
                $"{KernelModuleIndex.Uncompressed(m.File)}:{string.Concat(m.Dependencies.Select(d => " " + KernelModuleIndex.Uncompressed(d)))}\n"
            )
        );
        archive.AddFile(
            $"{root}/modules.dep",
            CpioContent.FromText(dep),
            (UnixFileMode)0b110_100_100
        );
        var builtin = Path.Combine(index.Directory, "modules.builtin");
        if (File.Exists(builtin))
        {
            // modprobe of a built-in driver then succeeds quietly instead of "not found".
            archive.AddFile(
                $"{root}/modules.builtin",
                CpioContent.FromFile(builtin),
                (UnixFileMode)0b110_100_100
            );
        }
        archive.AddFile(
            LoadList,
            CpioContent.FromText(
                "# Written by the Initrd stage from irtree/modules.list: what linuxrc loads, in order.\n"
                    + string.Concat(Load.Select(m => m + "\n"))
            ),
            (UnixFileMode)0b110_100_100
        );
    }

    /// <summary>
    /// The list's entries, each a module name (letters, digits, '_' and '-', as modprobe takes
    /// them) with an optional trailing '?'; a malformed or repeated entry names its line.
    /// </summary>
    public static IReadOnlyList<string> ReadList(string listFile)
    {
        if (!File.Exists(listFile))
        {
            throw new InputFileException(listFile, "the file is missing", "restore it from git");
        }
        var entries = new List<string>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in File.ReadLines(listFile))
        {
            number++;
            var entry = raw.Split('#')[0].Trim();
            if (entry.Length == 0)
            {
                continue;
            }
            var name = entry.TrimEnd(OptionalMark);
            if (
                name.Length == 0
                || entry.Length - name.Length > 1
                || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            )
            {
                throw new InputFileException(
                    listFile,
                    $"'{entry}' is not a module name",
                    "write one module a line as `modinfo` names it (e.g. usb_storage), with a trailing '?' if only some kernels have it",
                    number,
                    "module"
                );
            }
            var key = name.Replace('-', '_');
            if (lines.TryGetValue(key, out var earlier))
            {
                throw new InputFileException(
                    listFile,
                    $"'{name}' is already listed on line {earlier}",
                    "keep one line per module",
                    number,
                    "module"
                );
            }
            lines[key] = number;
            entries.Add(entry);
        }
        return entries;
    }

    private static CpioContent Uncompress(string path)
    {
        if (KernelModuleIndex.Uncompressed(path) == path)
        {
            return CpioContent.FromFile(path);
        }
        using var file = File.OpenRead(path);
        using var plain = DebianBinaryPackage.Decompress(file, path, path);
        var bytes = new MemoryStream();
        plain.CopyTo(bytes);
        return CpioContent.FromBytes(bytes.ToArray());
    }
}
