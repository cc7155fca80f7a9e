using System.Formats.Tar;
using System.IO.Compression;
using XenDemoCD.Build.Linux;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Kernel;

/// <summary>
/// The bench profile's kernel-build tree: which files of a Linux tree it keeps, from kbuild's
/// <c>.cmd</c> records and the build files, and the archive's bytes.
/// </summary>
public sealed class KernelBuildTreeTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void It_keeps_what_the_build_read_every_build_file_and_tinyconfigs_fragments_and_leaves_the_rest()
    {
        var source = Source();
        var objects = temp.Combine("obj");
        temp.Write(
            "obj/kernel/.fork.o.cmd",
            $"""
            savedcmd_kernel/fork.o := gcc -Wp,-MMD,kernel/.fork.o.d -I{source}/include -c -o kernel/fork.o {source}/kernel/fork.c

            source_kernel/fork.o := {source}/kernel/fork.c

            deps_kernel/fork.o := \
              {source}/kernel/../include/linux/sched.h \
              $(wildcard include/config/SMP) \
              /usr/include/stdio.h \
              {source}/kernel/../../outside.h \

            kernel/fork.o: $(deps_kernel/fork.o)
            """
        );
        temp.Write(
            "obj/arch/x86/include/generated/asm/.syscalls_64.h.cmd",
            $"savedcmd_arch/x86/include/generated/asm/syscalls_64.h := sh '{source}/scripts/syscalltbl.sh' --abis common,64 {source}/arch/x86/entry/syscalls/syscall_64.tbl arch/x86/include/generated/asm/syscalls_64.h"
        );

        var files = KernelBuildTree.Files(source, objects);

        Assert.Equal(
            [
                "Kconfig",
                "Makefile",
                "arch/x86/configs/tiny.config",
                "arch/x86/entry/syscalls/syscall_64.tbl",
                "drivers/gpu/Kconfig",
                "drivers/gpu/Makefile",
                "include/linux/sched.h",
                "include/linux/unused.h",
                "kernel/Kbuild",
                "kernel/configs/tiny-base.config",
                "kernel/fork.c",
                "kernel/time/timeconst.bc",
                "scripts/syscalltbl.sh",
            ],
            files
        );
    }

    [Fact]
    public void The_archive_is_the_same_bytes_for_the_same_files_whatever_their_times()
    {
        var source = Source();
        var files = new[] { "Makefile", "kernel/fork.c", "scripts/syscalltbl.sh" };
        var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        KernelBuildTree.Write(source, files, temp.Combine("a.tar.gz"), time, "linux");
        File.SetLastWriteTimeUtc(Path.Combine(source, "kernel/fork.c"), DateTime.UtcNow);
        KernelBuildTree.Write(source, files, temp.Combine("b.tar.gz"), time, "linux");

        Assert.Equal(
            File.ReadAllBytes(temp.Combine("a.tar.gz")),
            File.ReadAllBytes(temp.Combine("b.tar.gz"))
        );
        var entries = Entries(temp.Combine("a.tar.gz"));
        Assert.Equal(
            [
                "linux/",
                "linux/kernel/",
                "linux/scripts/",
                "linux/Makefile",
                "linux/kernel/fork.c",
                "linux/scripts/syscalltbl.sh",
            ],
            entries.Select(e => e.Name)
        );
        Assert.All(entries, e => Assert.Equal(time, e.ModificationTime));
        Assert.Equal(
            UnixFileMode.UserExecute,
            entries.Single(e => e.Name == "linux/scripts/syscalltbl.sh").Mode
                & UnixFileMode.UserExecute
        );
        Assert.Equal(
            (UnixFileMode)0,
            entries.Single(e => e.Name == "linux/kernel/fork.c").Mode & UnixFileMode.UserExecute
        );
    }

    /// <summary>A Linux tree in miniature: build files, sources the build reads and some it does not.</summary>
    private string Source()
    {
        foreach (
            var file in new[]
            {
                "Makefile",
                "Kconfig",
                "kernel/Kbuild",
                "kernel/configs/tiny-base.config",
                "kernel/fork.c",
                "kernel/unused.c",
                "include/linux/sched.h",
                "include/linux/unused.h",
                "drivers/gpu/Kconfig",
                "drivers/gpu/Makefile",
                "drivers/gpu/big.c",
                "arch/x86/entry/syscalls/syscall_64.tbl",
                "arch/x86/configs/tiny.config",
                "arch/arm/configs/tiny.config",
                "kernel/configs/tiny-base.config",
                "kernel/time/timeconst.bc",
                "drivers/gpu/firmware.bin",
            }
        )
        {
            temp.Write(Path.Combine("linux", file), file + "\n");
        }
        var script = temp.Write("linux/scripts/syscalltbl.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        // Outside the tree, beside it: named by a .cmd file through "..", never kept.
        temp.Write("outside.h", "outside\n");
        return temp.Combine("linux");
    }

    private static List<TarEntry> Entries(string archive)
    {
        using var file = File.OpenRead(archive);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var entries = new List<TarEntry>();
        while (tar.GetNextEntry() is { } entry)
        {
            entries.Add(entry);
        }
        return entries;
    }
}
