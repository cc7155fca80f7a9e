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
    public void It_keeps_x86_the_headers_what_the_build_read_by_any_path_the_data_files_of_directories_it_visited_and_every_build_file_and_leaves_the_rest_and_links()
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
              {source}/include/dt-bindings/named.h \
              $(wildcard include/config/SMP) \
              /usr/include/stdio.h \
              {source}/kernel/../../outside.h \

            kernel/fork.o: $(deps_kernel/fork.o)
            """
        );
        temp.Write("obj/drivers/base/.core.o.cmd", "savedcmd_drivers/base/core.o := gcc -c");
        // As ccache (CCACHE_BASEDIR) writes them: relative to the object tree, where kbuild runs.
        temp.Write(
            "obj/include/generated/.timeconst.h.cmd",
            "savedcmd_include/generated/timeconst.h := bc -q ../linux/kernel/time/timeconst.bc"
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
                "arch/x86/kernel/asm-offsets_64.c",
                "drivers/base/firmware.tbl",
                "drivers/gpu/Kconfig",
                "drivers/gpu/Makefile",
                "include/dt-bindings/named.h",
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

    [Fact]
    public async Task Pythons_tarfile_reads_the_archive_under_the_names_it_was_given()
    {
        var source = Source();
        var archive = temp.Combine("tree.tar.gz");
        KernelBuildTree.Write(
            source,
            ["Makefile", "kernel/fork.c"],
            archive,
            DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            "linux"
        );

        // As xendemo-bench reads it on the CD.
        var (exitCode, output) = await ProcessRun.RunAsync(
            "/usr/bin/python3",
            ["-c", "import sys, tarfile; print(*tarfile.open(sys.argv[1]).getnames())", archive],
            temp.Path,
            new Dictionary<string, string>(),
            TimeSpan.FromMinutes(1)
        );

        Assert.True(exitCode == 0, output);
        Assert.Equal("linux linux/kernel linux/Makefile linux/kernel/fork.c", output.Trim());
    }

    /// <summary>A Linux tree in miniature: build files, the core, drivers visited and not, headers named and not.</summary>
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
                "drivers/base/core.c",
                "drivers/base/firmware.h",
                "drivers/base/firmware.tbl",
                "arch/x86/kernel/asm-offsets_64.c",
                "include/dt-bindings/named.h",
                "include/dt-bindings/unnamed.h",
                "sound/core/pcm.c",
                "kernel/bpf/verifier.c",
            }
        )
        {
            temp.Write(Path.Combine("linux", file), file + "\n");
        }
        var script = temp.Write("linux/scripts/syscalltbl.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        // As scripts/dtc/include-prefixes links other architectures' trees in: not followed.
        Directory.CreateSymbolicLink(temp.Combine("linux/scripts/arm"), "../arch/arm");
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
