using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// <c>--iso</c>: checked once where Unpack opens it and, earlier, by the input check that runs
/// before any task, with the same message.
/// </summary>
public static class IsoArgument
{
    /// <summary>The path names an ISO file, a device or a directory (a mounted CD).</summary>
    public static void RequireExists(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new CommandLineException(
                $"--iso={path}: no such file, device or directory; give an ISO file, a device such as /dev/sr0, or the directory where the CD is mounted."
            );
        }
    }
}
