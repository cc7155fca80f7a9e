using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;
using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.IO;

namespace XenDemoCD.Build.Stages.Code;

/// <summary>
/// The code a stage runs, as manifest inputs, found without anyone declaring it: starting at the
/// stage's class, every type its IL reaches is followed, and the result is one input per type of
/// ours (the SHA-256 of its source files, from the PDB) and one per library (the SHA-256 of the
/// DLL, the same bytes for the same source as the projects build deterministically).
/// </summary>
/// <remarks>
/// Why this shape: hashing the whole host would rebuild every stage, the 35-minute kernel too, on
/// any edit of the build system; a hand-kept list goes stale (the hand-bumped code revision did).
/// Following IL is exact for what the stage calls and costs a few milliseconds: a change to the
/// cpio writer reaches Initrd only, a change to the tar writer the stages that write tars.
/// The walk stops at code that cannot change an output: the build host's machinery (the
/// namespaces in <see cref="Machinery"/>), types marked <see cref="OutputNeutralAttribute"/>,
/// other stages (their output comes in through their own manifest) and the .NET runtime (a
/// runtime update would otherwise rebuild everything; it is the SDK's, not this repository's).
/// A type is followed as a whole, with its lambdas and state machines, so the walk can only
/// include more than needed, never less, except through an interface or virtual call to a
/// class the stage never names: such classes are constructed in the machinery, which decides no
/// output.
/// </remarks>
public static class StageCode
{
    /// <summary>Namespaces of the build host that run stages but decide nothing they write.</summary>
    public static readonly IReadOnlySet<string> Machinery = new HashSet<string>(
        StringComparer.Ordinal
    )
    {
        "XenDemoCD.Build",
        "XenDemoCD.Build.Host",
        "XenDemoCD.Build.Stages",
        "XenDemoCD.Build.Stages.Code",
        "XenDemoCD.Build.Progress",
        "XenDemoCD.Build.Inputs",
        "XenDemoCD.Build.Testing",
    };

    /// <summary>Libraries of the machinery: logging, the Cake engine, process running.</summary>
    private static readonly string[] MachineryLibraries = ["Serilog", "Cake", "CliWrap"];

    public const string Prefix = "code:";

    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, string>> Cache =
        new();
    private static readonly ConcurrentDictionary<Assembly, CodeModule> Modules = new();
    private static readonly ConcurrentDictionary<string, string> LibraryHashes = new(
        StringComparer.Ordinal
    );

    /// <summary>The stage's code inputs: <c>code:TYPE</c> and <c>code:LIBRARY.dll</c> → SHA-256.</summary>
    public static IReadOnlyDictionary<string, string> Of(Type stage) =>
        Cache.GetOrAdd(stage, s => Of(s, LibraryHash));

    /// <summary>As <see cref="Of(Type)"/>, with the hash of each library given (tests stand in for an edited DLL).</summary>
    public static IReadOnlyDictionary<string, string> Of(
        Type stage,
        Func<string, string?> libraryHash
    )
    {
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sourceAssemblies = new[] { typeof(StageCode).Assembly, stage.Assembly }
            .Distinct()
            .ToList();
        var modules = sourceAssemblies.Select(a => Modules.GetOrAdd(a, CodeModule.Load)).ToList();
        if (modules.FirstOrDefault(m => !m.HasSources) is { } bare)
        {
            // Without the PDB there is no way to tell the types' sources apart: the whole assembly
            // stands for the code, which rebuilds more than needed but never too little.
            Log.Warning(
                "No PDB beside {Assembly}: every stage counts all of its code as an input",
                bare.Assembly.Location
            );
            foreach (var module in modules)
            {
                inputs[Prefix + Path.GetFileName(module.Assembly.Location)] = FileDigest.Sha256Of(
                    module.Assembly.Location
                );
            }
            return inputs;
        }
        var start = modules[^1];
        var walk = new CodeWalk(modules, stage, libraryHash, inputs);
        walk.Visit(
            start,
            start.Outermost(
                System.Reflection.Metadata.Ecma335.MetadataTokens.TypeDefinitionHandle(
                    stage.MetadataToken
                )
            )
        );
        return inputs;
    }

    /// <summary>
    /// The SHA-256 of a library beside the host, or null for one of the .NET runtime's (not
    /// copied beside it) or of the machinery.
    /// </summary>
    public static string? LibraryHash(string assemblyName)
    {
        if (IsMachineryLibrary(assemblyName))
        {
            return null;
        }
        var file = Path.Combine(
            Path.GetDirectoryName(typeof(StageCode).Assembly.Location)!,
            assemblyName + ".dll"
        );
        return File.Exists(file) ? LibraryHashes.GetOrAdd(file, FileDigest.Sha256Of) : null;
    }

    private static bool IsMachineryLibrary(string name) =>
        MachineryLibraries.Any(m =>
            name == m || name.StartsWith(m + ".", StringComparison.Ordinal)
        );
}
