using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.Initrd;

/// <summary>
/// What depmod says about a kernel's modules: <c>modules.dep</c> (each module's file and the
/// modules it needs) and <c>modules.builtin</c> (drivers compiled into the image). Module names
/// are compared as the kernel does, with '-' and '_' the same.
/// </summary>
public sealed class KernelModuleIndex
{
    private readonly Dictionary<string, Module> modules = new(StringComparer.Ordinal);
    private readonly HashSet<string> builtin = new(StringComparer.Ordinal);

    /// <summary>One loadable module: its file under lib/modules/RELEASE/ and the files it needs.</summary>
    public sealed record Module(string Name, string File, IReadOnlyList<string> Dependencies);

    public string Directory { get; }

    private KernelModuleIndex(string directory) => Directory = directory;

    /// <summary>Reads the indexes in <paramref name="directory"/> (lib/modules/RELEASE).</summary>
    public static KernelModuleIndex Load(string directory)
    {
        var index = new KernelModuleIndex(directory);
        var dep = Path.Combine(directory, "modules.dep");
        if (!File.Exists(dep))
        {
            throw new InputFileException(
                dep,
                "the kernel's module directory has no modules.dep",
                "rebuild the kernel stage (its depmod writes it) with --force=DebianKernel or --force=Kernel"
            );
        }
        foreach (var (line, number) in File.ReadLines(dep).Select((l, i) => (l, i + 1)))
        {
            if (line.Length == 0)
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InputFileException(
                    dep,
                    $"line {number} is not 'module.ko: dependencies' ('{line}')",
                    "rebuild the kernel stage so depmod writes it anew"
                );
            }
            var file = line[..colon];
            var dependencies = line[(colon + 1)..]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            index.modules[NameOf(file)] = new Module(NameOf(file), file, dependencies);
        }
        var builtinFile = Path.Combine(directory, "modules.builtin");
        if (File.Exists(builtinFile))
        {
            foreach (var line in File.ReadLines(builtinFile).Where(l => l.Length > 0))
            {
                index.builtin.Add(NameOf(line));
            }
        }
        return index;
    }

    public Module? Find(string name) => modules.GetValueOrDefault(Normalize(name));

    public bool IsBuiltin(string name) => builtin.Contains(Normalize(name));

    /// <summary>The modules <paramref name="wanted"/> need, themselves included, by file.</summary>
    public IReadOnlyList<Module> Closure(IEnumerable<Module> wanted)
    {
        var byFile = modules.Values.ToDictionary(m => m.File, StringComparer.Ordinal);
        var result = new SortedDictionary<string, Module>(StringComparer.Ordinal);
        var pending = new Stack<Module>(wanted);
        while (pending.TryPop(out var module))
        {
            if (!result.TryAdd(module.File, module))
            {
                continue;
            }
            foreach (var dependency in module.Dependencies)
            {
                pending.Push(
                    byFile.GetValueOrDefault(dependency)
                        ?? throw new InputFileException(
                            Path.Combine(Directory, "modules.dep"),
                            $"{module.File} depends on {dependency}, which has no line of its own",
                            "rebuild the kernel stage so depmod writes it anew"
                        )
                );
            }
        }
        return [.. result.Values];
    }

    /// <summary>"kernel/drivers/usb/storage/usb-storage.ko.xz" → "usb_storage".</summary>
    public static string NameOf(string file)
    {
        var name = Path.GetFileName(file);
        var ko = name.IndexOf(".ko", StringComparison.Ordinal);
        return Normalize(ko > 0 ? name[..ko] : name);
    }

    public static string Normalize(string name) => name.Replace('-', '_');

    /// <summary>The file name without a compression suffix (.xz, .zst, .gz): what the initrd holds.</summary>
    public static string Uncompressed(string file) =>
        Path.GetExtension(file) is ".xz" or ".zst" or ".gz"
            ? file[..^Path.GetExtension(file).Length]
            : file;
}
