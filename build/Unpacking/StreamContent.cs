using XenDemoCD.Build.RootFs;

namespace XenDemoCD.Build.Unpacking;

/// <summary>A file's bytes that some reader opens on demand (an ISO entry, a file on a mounted CD).</summary>
public sealed record StreamContent(long Size, Func<Stream> Opener) : NodeContent(Size)
{
    public override Stream Open() => Opener();
}
