using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Kernel;

/// <summary>
/// A small Debian package made by the real <c>dpkg-deb --build</c> (package dpkg), shaped like a
/// kernel image package: boot/vmlinuz-R, boot/config-R, a module tree, a symlink and an
/// executable.
/// </summary>
public static class TestDeb
{
    public const string Release = "6.1.0-99-test";

    public static async Task<string> BuildAsync(TempDirectory temp, string compression)
    {
        var root = temp.Combine("pkg-" + compression);
        Write(
            root,
            "DEBIAN/control",
            """
            Package: linux-image-test
            Version: 1.0-1
            Architecture: amd64
            Maintainer: XenDemoCD tests <tests@xendemocd.invalid>
            Description: a kernel-shaped test package

            """
        );
        Write(root, $"boot/vmlinuz-{Release}", "not really a kernel\n");
        Write(root, $"boot/config-{Release}", "CONFIG_XEN=y\n");
        Write(root, $"boot/System.map-{Release}", "ffffffff81000000 T _text\n");
        // Odd length on purpose: the ar member after it must be found past the padding byte.
        Write(root, $"lib/modules/{Release}/kernel/fs/isofs/isofs.ko", "module!");
        Write(root, "usr/share/doc/linux-image-test/copyright", "GPL-2\n");
        var tool = Write(root, "usr/bin/tool", "#!/bin/sh\necho tool\n");
        File.SetUnixFileMode(tool, (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(root, "usr/bin/tool-link"), "tool");

        var deb = temp.Combine($"linux-image-test_1.0-1_amd64-{compression}.deb");
        var (exitCode, output) = await ProcessRun.RunAsync(
            "dpkg-deb",
            ["--root-owner-group", $"-Z{compression}", "--build", root, deb],
            temp.Path
        );
        Assert.True(exitCode == 0, $"dpkg-deb failed (apt-get install dpkg): {output}");
        return deb;
    }

    private static string Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
