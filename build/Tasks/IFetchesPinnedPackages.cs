using XenDemoCD.Build.Debian;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// A stage that fetches pinned Debian binary packages (<see cref="DebianBinaryPin"/> files).
/// Prerequisites fetches them all before the first stage, so a pin the archive no longer serves
/// stops the build in its first seconds, with the versions it offers now, instead of after a
/// 35-minute compile; the stage itself then finds the package in the download cache.
/// </summary>
public interface IFetchesPinnedPackages
{
    IEnumerable<string> PinFiles(BuildContext context);
}
