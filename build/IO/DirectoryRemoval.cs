namespace XenDemoCD.Build.IO;

/// <summary>Removes a directory with all it holds, read-only directories included.</summary>
public static class DirectoryRemoval
{
    public static void DeleteIfPresent(string directory)
    {
        if (Directory.Exists(directory))
        {
            MakeWritable(new DirectoryInfo(directory));
            Directory.Delete(directory, recursive: true);
        }
    }

    // Source trees unpacked from archives can hold read-only directories, which would stop the
    // recursive delete.
    private static void MakeWritable(DirectoryInfo directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        foreach (
            var sub in directory
                .EnumerateDirectories("*", SearchOption.AllDirectories)
                .Prepend(directory)
        )
        {
            if (sub.LinkTarget is null && (sub.UnixFileMode & UnixFileMode.UserWrite) == 0)
            {
                sub.UnixFileMode |= UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
        }
    }
}
