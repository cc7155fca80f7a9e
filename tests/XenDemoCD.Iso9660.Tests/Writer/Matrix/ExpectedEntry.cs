namespace XenDemoCD.Iso9660.Tests.Writer.Matrix;

/// <summary>What one entry should look like after a round trip, or what a reader saw.</summary>
public sealed record ExpectedEntry(
    EntryKind Kind,
    uint Permissions,
    string? Target,
    string? Sha256,
    DateTimeOffset ModificationTime,
    ulong Inode = 0
)
{
    public override string ToString() =>
        $"{Kind} {Convert.ToString(Permissions, 8)} target={Target} sha256={Sha256?[..12]} mtime={ModificationTime:O}";
}
