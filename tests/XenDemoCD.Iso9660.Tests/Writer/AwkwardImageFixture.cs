using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Writer;

/// <summary>The awkward tree mastered once, shared by the reader checks that inspect it.</summary>
public sealed class AwkwardImageFixture : IDisposable
{
    public AwkwardImageFixture()
    {
        Tree = AwkwardTree.Build();
        IsoPath = Scratch["awkward.iso"];
        IsoWriter.WriteFile(Tree, AwkwardTree.Options(), IsoPath);
    }

    public TempDirectory Scratch { get; } = new();

    public IsoTree Tree { get; }

    public string IsoPath { get; }

    public void Dispose() => Scratch.Dispose();
}
