using System.Reflection.Metadata;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Stages.Code;

/// <summary>One walk of <see cref="StageCode"/>: from a stage's class through the types it reaches.</summary>
internal sealed class CodeWalk(
    IReadOnlyList<CodeModule> modules,
    Type stage,
    Func<string, string?> libraryHash,
    IDictionary<string, string> inputs
)
{
    private readonly HashSet<(CodeModule, TypeDefinitionHandle)> seen = [];

    public void Visit(CodeModule module, TypeDefinitionHandle type)
    {
        if (!seen.Add((module, type)) || !IsFollowed(module, type))
        {
            return;
        }
        var name = module.FullName(type);
        var sources = module
            .SourcesOf(type)
            .Select(s => s.Sha256)
            .Order(StringComparer.Ordinal)
            .ToList();
        // A type without recorded sources is compiler-made (e.g. <PrivateImplementationDetails>)
        // and changes only with the code that uses it.
        if (sources.Count > 0)
        {
            inputs[StageCode.Prefix + ShortName(name)] =
                sources.Count == 1
                    ? sources[0]
                    : StageManifest.Sha256Hex(
                        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', sources))
                    );
        }
        foreach (var reference in module.ReferencesOf(type))
        {
            Follow(module, reference);
        }
    }

    private bool IsFollowed(CodeModule module, TypeDefinitionHandle type)
    {
        var ns = module.Metadata.GetString(module.Metadata.GetTypeDefinition(type).Namespace);
        // Source generators (the regex one) put their helpers in System.*: they follow from
        // attributes in the types that use them, whose sources are hashed.
        if (StageCode.Machinery.Contains(ns) || ns.StartsWith("System.", StringComparison.Ordinal))
        {
            return false;
        }
        var resolved = module.Resolve(type);
        if (resolved.IsDefined(typeof(OutputNeutralAttribute), inherit: false))
        {
            return false;
        }
        return resolved == stage || !typeof(StageTask).IsAssignableFrom(resolved);
    }

    private void Follow(CodeModule module, EntityHandle handle)
    {
        var md = module.Metadata;
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                Visit(module, module.Outermost((TypeDefinitionHandle)handle));
                break;
            case HandleKind.TypeReference:
                FollowReference(module, (TypeReferenceHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                foreach (var used in SignatureTypes.OfTypeSpec(md, (TypeSpecificationHandle)handle))
                {
                    Follow(module, used);
                }
                break;
            case HandleKind.MemberReference:
                Follow(module, md.GetMemberReference((MemberReferenceHandle)handle).Parent);
                break;
            case HandleKind.MethodDefinition:
                Follow(
                    module,
                    md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()
                );
                break;
            case HandleKind.FieldDefinition:
                Follow(
                    module,
                    md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()
                );
                break;
            case HandleKind.MethodSpecification:
                var specification = (MethodSpecificationHandle)handle;
                Follow(module, md.GetMethodSpecification(specification).Method);
                foreach (var used in SignatureTypes.OfMethodSpec(md, specification))
                {
                    Follow(module, used);
                }
                break;
        }
    }

    private void FollowReference(CodeModule module, TypeReferenceHandle handle)
    {
        var md = module.Metadata;
        var reference = md.GetTypeReference(handle);
        // A nested type's scope is its declaring type; the assembly is found at the outermost one.
        while (reference.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            handle = (TypeReferenceHandle)reference.ResolutionScope;
            reference = md.GetTypeReference(handle);
        }
        if (reference.ResolutionScope.Kind != HandleKind.AssemblyReference)
        {
            return;
        }
        var assembly = md.GetString(
            md.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name
        );
        var ns = md.GetString(reference.Namespace);
        var name = md.GetString(reference.Name);
        if (modules.FirstOrDefault(m => m.Assembly.GetName().Name == assembly) is { } target)
        {
            if (target.FindTopLevel(ns.Length == 0 ? name : ns + "." + name) is { } type)
            {
                Visit(target, type);
            }
            return;
        }
        if (libraryHash(assembly) is { } hash)
        {
            inputs[StageCode.Prefix + assembly + ".dll"] = hash;
        }
    }

    private static string ShortName(string fullName) =>
        fullName.StartsWith("XenDemoCD.Build.", StringComparison.Ordinal)
            ? fullName["XenDemoCD.Build.".Length..]
            : fullName;
}
