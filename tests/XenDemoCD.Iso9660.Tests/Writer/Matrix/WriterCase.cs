namespace XenDemoCD.Iso9660.Tests.Writer.Matrix;

/// <summary>One combination of the writer's options; <see cref="ZisofsBlockLog2"/> null means no zisofs.</summary>
public sealed record WriterCase(
    FileTimePolicy FileTimes,
    int? ZisofsBlockLog2,
    bool Joliet,
    bool HideBootFiles,
    bool Gpt
)
{
    public static readonly FileTimePolicy[] TimePolicies = Enum.GetValues<FileTimePolicy>();

    public static readonly int?[] ZisofsChoices = [null, 15, 16, 17];

    /// <summary>
    /// Every pair of values of any two options, in 12 cases instead of the 96 of the full
    /// product: one case per (time policy, zisofs) pair, with the three booleans derived so that
    /// each of them flips with both of those and their eight combinations all occur.
    /// </summary>
    public static IEnumerable<WriterCase> AllPairs()
    {
        for (var a = 0; a < TimePolicies.Length; a++)
        {
            for (var b = 0; b < ZisofsChoices.Length; b++)
            {
                var joliet = ((b % 2) ^ (a % 2)) == 1;
                var hidden = ((b / 2) ^ (a == 2 ? 1 : 0)) == 1;
                var gpt = (joliet ? 1 : 0) ^ (hidden ? 1 : 0) ^ (a == 1 ? 1 : 0);
                yield return new WriterCase(
                    TimePolicies[a],
                    ZisofsChoices[b],
                    joliet,
                    hidden,
                    gpt == 1
                );
            }
        }
    }

    public override string ToString() =>
        $"times={FileTimes} zisofs={(ZisofsBlockLog2 is { } z ? $"2^{z}" : "off")} joliet={Joliet} hidden-boot={HideBootFiles} gpt={Gpt}";
}
