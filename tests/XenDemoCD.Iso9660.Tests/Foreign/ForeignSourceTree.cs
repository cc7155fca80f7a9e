using XenDemoCD.Iso9660;

namespace XenDemoCD.Iso9660.Tests.Foreign;

/// <summary>
/// A small tree with what foreign mastering tools treat differently: modes, a deep directory
/// (relocated without -D), short and long (&gt; 255 bytes) symlinks, hard links, an empty file,
/// a compressible file (for zisofs), a name ISO 9660 cannot hold.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class ForeignSourceTree
{
    public static readonly string LongTarget =
        new string('x', 250) + "/" + new string('y', 200) + "/../" + new string('z', 40);

    public static void Create(string root)
    {
        var stamp = new DateTime(2021, 6, 7, 8, 9, 10, DateTimeKind.Utc);
        Directory.CreateDirectory(root);
        Write(root, "hello.txt", "hello\n", (UnixFileMode)0x1A4, stamp);
        Write(root, "run.sh", "#!/bin/sh\n", (UnixFileMode)0x1ED, stamp);
        Write(root, "empty", "", (UnixFileMode)0x180, stamp);
        Write(root, "Mixed Case long name with spaces.txt", "spaces\n", (UnixFileMode)0x1A4, stamp);
        var compressible = new string('a', 60_000) + string.Concat(Enumerable.Range(0, 3000));
        Write(root, "compressible.txt", compressible, (UnixFileMode)0x1A4, stamp);
        Posix.PosixFileSystem.CreateHardLink(
            Path.Combine(root, "hello.txt"),
            Path.Combine(root, "hard.txt")
        );
        File.CreateSymbolicLink(Path.Combine(root, "short-link"), "hello.txt");
        File.CreateSymbolicLink(Path.Combine(root, "long-link"), LongTarget);
        var deep = Path.Combine([root, .. Enumerable.Range(1, 10).Select(i => $"d{i}")]);
        Directory.CreateDirectory(deep);
        Write(deep, "bottom.txt", "bottom\n", (UnixFileMode)0x1A4, stamp);
        foreach (var directory in Directory.GetDirectories(root, "*", SearchOption.AllDirectories))
        {
            Directory.SetLastWriteTimeUtc(directory, stamp);
        }
    }

    private static void Write(
        string directory,
        string name,
        string text,
        UnixFileMode mode,
        DateTime stamp
    )
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, stamp);
    }
}
