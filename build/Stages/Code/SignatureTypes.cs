using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace XenDemoCD.Build.Stages.Code;

/// <summary>The type definitions and references a signature blob names (generic arguments included).</summary>
internal sealed class SignatureTypes : ISignatureTypeProvider<EntityHandle[], object?>
{
    public static readonly SignatureTypes Instance = new();

    public static EntityHandle[] OfTypeSpec(
        MetadataReader reader,
        TypeSpecificationHandle handle
    ) => reader.GetTypeSpecification(handle).DecodeSignature(Instance, null);

    public static EntityHandle[] OfMethodSpec(
        MetadataReader reader,
        MethodSpecificationHandle handle
    ) =>
        [
            .. reader
                .GetMethodSpecification(handle)
                .DecodeSignature(Instance, null)
                .SelectMany(a => a),
        ];

    public EntityHandle[] GetTypeFromDefinition(
        MetadataReader reader,
        TypeDefinitionHandle handle,
        byte rawTypeKind
    ) => [handle];

    public EntityHandle[] GetTypeFromReference(
        MetadataReader reader,
        TypeReferenceHandle handle,
        byte rawTypeKind
    ) => [handle];

    public EntityHandle[] GetTypeFromSpecification(
        MetadataReader reader,
        object? genericContext,
        TypeSpecificationHandle handle,
        byte rawTypeKind
    ) => OfTypeSpec(reader, handle);

    public EntityHandle[] GetGenericInstantiation(
        EntityHandle[] genericType,
        ImmutableArray<EntityHandle[]> typeArguments
    ) => [.. genericType, .. typeArguments.SelectMany(a => a)];

    public EntityHandle[] GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

    public EntityHandle[] GetSZArrayType(EntityHandle[] elementType) => elementType;

    public EntityHandle[] GetArrayType(EntityHandle[] elementType, ArrayShape shape) => elementType;

    public EntityHandle[] GetByReferenceType(EntityHandle[] elementType) => elementType;

    public EntityHandle[] GetPointerType(EntityHandle[] elementType) => elementType;

    public EntityHandle[] GetPinnedType(EntityHandle[] elementType) => elementType;

    public EntityHandle[] GetModifiedType(
        EntityHandle[] modifier,
        EntityHandle[] unmodifiedType,
        bool isRequired
    ) => unmodifiedType;

    public EntityHandle[] GetFunctionPointerType(MethodSignature<EntityHandle[]> signature) => [];

    public EntityHandle[] GetGenericMethodParameter(object? genericContext, int index) => [];

    public EntityHandle[] GetGenericTypeParameter(object? genericContext, int index) => [];
}
