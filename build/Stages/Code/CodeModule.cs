using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace XenDemoCD.Build.Stages.Code;

/// <summary>
/// One of our assemblies read as metadata: its types, what their IL refers to, and, from its
/// portable PDB, the SHA-256 of the source files each type was compiled from.
/// </summary>
internal sealed class CodeModule
{
    private static readonly Guid TypeDefinitionDocuments = new(
        "932E74BC-DBA9-4478-8D46-0F32A7BAB3D3"
    );

    private readonly PEReader image;
    private readonly MetadataReader? pdb;
    private readonly Dictionary<string, TypeDefinitionHandle> topLevel = new(
        StringComparer.Ordinal
    );

    private CodeModule(Assembly assembly)
    {
        Assembly = assembly;
        // The bytes are read once and kept: the reader points into them for the life of the run.
        image = new PEReader(
            ImmutableCollectionsMarshal.AsImmutableArray(File.ReadAllBytes(assembly.Location))
        );
        Metadata = image.GetMetadataReader();
        var pdbPath = Path.ChangeExtension(assembly.Location, ".pdb");
        if (File.Exists(pdbPath))
        {
            pdb = MetadataReaderProvider
                .FromPortablePdbImage(
                    ImmutableCollectionsMarshal.AsImmutableArray(File.ReadAllBytes(pdbPath))
                )
                .GetMetadataReader();
        }
        foreach (var handle in Metadata.TypeDefinitions)
        {
            var type = Metadata.GetTypeDefinition(handle);
            if (!type.GetDeclaringType().IsNil)
            {
                continue;
            }
            topLevel[FullName(handle)] = handle;
        }
    }

    public Assembly Assembly { get; }

    public MetadataReader Metadata { get; }

    public bool HasSources => pdb is not null;

    public static CodeModule Load(Assembly assembly) => new(assembly);

    public TypeDefinitionHandle? FindTopLevel(string fullName) =>
        topLevel.TryGetValue(fullName, out var handle) ? handle : null;

    public string FullName(TypeDefinitionHandle handle)
    {
        var type = Metadata.GetTypeDefinition(handle);
        var ns = Metadata.GetString(type.Namespace);
        var name = Metadata.GetString(type.Name);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public TypeDefinitionHandle Outermost(TypeDefinitionHandle handle)
    {
        for (
            var outer = Metadata.GetTypeDefinition(handle).GetDeclaringType();
            !outer.IsNil;
            outer = Metadata.GetTypeDefinition(outer).GetDeclaringType()
        )
        {
            handle = outer;
        }
        return handle;
    }

    public Type Resolve(TypeDefinitionHandle handle) =>
        Assembly.ManifestModule.ResolveType(MetadataTokens.GetToken(handle));

    /// <summary>Everything the type and its nested types (lambdas, async state machines) refer to.</summary>
    public IEnumerable<EntityHandle> ReferencesOf(TypeDefinitionHandle handle)
    {
        var type = Metadata.GetTypeDefinition(handle);
        if (!type.BaseType.IsNil)
        {
            yield return type.BaseType;
        }
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            yield return Metadata.GetInterfaceImplementation(implementation).Interface;
        }
        foreach (var field in type.GetFields())
        {
            foreach (
                var used in Metadata
                    .GetFieldDefinition(field)
                    .DecodeSignature(SignatureTypes.Instance, null)
            )
            {
                yield return used;
            }
        }
        foreach (var method in type.GetMethods())
        {
            var rva = Metadata.GetMethodDefinition(method).RelativeVirtualAddress;
            if (rva == 0)
            {
                continue;
            }
            foreach (var token in IlTokens.Of(image.GetMethodBody(rva)))
            {
                yield return token;
            }
        }
        foreach (var nested in type.GetNestedTypes())
        {
            foreach (var used in ReferencesOf(nested))
            {
                yield return used;
            }
        }
    }

    /// <summary>The source files the type (with its nested types) was compiled from, as the PDB records them.</summary>
    public IEnumerable<SourceFile> SourcesOf(TypeDefinitionHandle handle)
    {
        if (pdb is null)
        {
            return [];
        }
        var documents = new HashSet<DocumentHandle>();
        Collect(handle, documents);
        return documents.Select(d =>
        {
            var document = pdb.GetDocument(d);
            return new SourceFile(
                pdb.GetString(document.Name),
                Convert.ToHexStringLower(pdb.GetBlobBytes(document.Hash))
            );
        });
    }

    private void Collect(TypeDefinitionHandle handle, HashSet<DocumentHandle> documents)
    {
        var type = Metadata.GetTypeDefinition(handle);
        foreach (var method in type.GetMethods())
        {
            foreach (
                var point in pdb!
                    .GetMethodDebugInformation(method.ToDebugInformationHandle())
                    .GetSequencePoints()
            )
            {
                documents.Add(point.Document);
            }
        }
        // Types without method bodies (enums, interfaces, constants) are recorded here instead.
        foreach (var info in pdb!.GetCustomDebugInformation(handle))
        {
            var entry = pdb.GetCustomDebugInformation(info);
            if (pdb.GetGuid(entry.Kind) != TypeDefinitionDocuments)
            {
                continue;
            }
            var blob = pdb.GetBlobReader(entry.Value);
            while (blob.RemainingBytes > 0)
            {
                documents.Add(MetadataTokens.DocumentHandle(blob.ReadCompressedInteger()));
            }
        }
        foreach (var nested in type.GetNestedTypes())
        {
            Collect(nested, documents);
        }
    }
}

/// <summary>A source file by the path it was compiled from and the hash of its text.</summary>
internal sealed record SourceFile(string Path, string Sha256);
