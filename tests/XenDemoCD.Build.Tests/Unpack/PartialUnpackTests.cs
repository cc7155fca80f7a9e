using System.Diagnostics;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Unpacking;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Tests.Unpack;

/// <summary>
/// An unpack that fails or is interrupted leaves nothing a rerun would trip over: --into stays
/// as it was (absent or empty) and no temporary directory stays beside it.
/// </summary>
public sealed class PartialUnpackTests : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private string Into => work.Combine("unpacked");

    /// <summary>
    /// A good CD cut in the middle of its last file's data, as a CD burnt or copied only partly:
    /// the directories, the records and root.tar.gz read, so the unpack fails while writing.
    /// </summary>
    private string TruncatedCd()
    {
        var good = FakeCd.Build(work);
        long cut;
        using (var image = IsoImage.Open(good))
        {
            var last = image
                .Enumerate(IsoView.RockRidge)
                .Where(e => e.Kind == EntryKind.File && e.Size > 0)
                .Select(e => e.Extents[^1])
                .MaxBy(e => e.Lba);
            cut = last.Lba * 2048L + last.Length / 2;
        }
        var truncated = work.Combine("truncated.iso");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..(int)cut]);
        File.Delete(good);
        return truncated;
    }

    /// <summary>Everything beside --into other than the CDs given.</summary>
    private string[] LeftBeside(params string[] isos) =>
        Directory
            .EnumerateFileSystemEntries(work.Path)
            .Select(Path.GetFileName)
            .Where(n => n != "unpacked" && !isos.Select(Path.GetFileName).Contains(n))
            .Select(n => n!)
            .ToArray();

    [Fact]
    public void A_truncated_CD_fails_as_an_expected_failure_and_leaves_neither_the_target_nor_a_temporary_directory()
    {
        var iso = TruncatedCd();

        var error = Assert.ThrowsAny<Exception>(() =>
            Unpacker.Unpack(iso, Into, restoreOwners: false)
        );

        Assert.IsAssignableFrom<IExpectedFailure>(error);
        Assert.Contains($"nothing was left in {Into}", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Into), "the failed unpack left --into behind");
        Assert.Empty(LeftBeside(iso));
    }

    [Fact]
    public void After_a_truncated_CD_failed_a_rerun_with_a_good_CD_into_the_same_directory_succeeds()
    {
        var truncated = TruncatedCd();
        Assert.ThrowsAny<Exception>(() => Unpacker.Unpack(truncated, Into, restoreOwners: false));

        var good = FakeCd.Build(work);
        // "DIR/" names the same directory: the temporary one still goes beside it.
        var result = Unpacker.Unpack(good, Into + "/", restoreOwners: false);

        Assert.True(result.RootEntries > 0);
        Assert.Equal("xen image", File.ReadAllText(Path.Combine(Into, "prebuilt", "xen.gz")));
        Assert.Empty(LeftBeside(truncated, good));
    }

    [Fact]
    public void A_truncated_CD_into_an_existing_empty_directory_leaves_it_empty_and_a_rerun_fills_it()
    {
        Directory.CreateDirectory(Into);
        var truncated = TruncatedCd();

        var error = Assert.ThrowsAny<Exception>(() =>
            Unpacker.Unpack(truncated, Into, restoreOwners: false)
        );

        Assert.IsAssignableFrom<IExpectedFailure>(error);
        Assert.True(Directory.Exists(Into));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Into));
        Assert.Empty(LeftBeside(truncated));

        var good = FakeCd.Build(work);
        Unpacker.Unpack(good, Into, restoreOwners: false);
        Assert.Equal("test-1\n", File.ReadAllText(Path.Combine(Into, "VERSION")));
        Assert.Empty(LeftBeside(truncated, good));
    }

    [Fact]
    public async Task An_empty_mount_point_is_left_empty_by_a_failed_unpack_and_filled_by_a_good_one()
    {
        Directory.CreateDirectory(Into);
        if (!UnixCalls.IsRoot || (await Mount("mount", "-t", "tmpfs", "tmpfs", Into)) != 0)
        {
            return; // needs root and a kernel that lets this container mount a tmpfs
        }
        try
        {
            var truncated = TruncatedCd();
            var error = Assert.ThrowsAny<Exception>(() =>
                Unpacker.Unpack(truncated, Into, restoreOwners: false)
            );
            Assert.IsAssignableFrom<IExpectedFailure>(error);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Into));

            Unpacker.Unpack(FakeCd.Build(work), Into, restoreOwners: false);
            Assert.Equal("test-1\n", File.ReadAllText(Path.Combine(Into, "VERSION")));
            Assert.DoesNotContain(
                Directory.EnumerateFileSystemEntries(Into),
                e => Path.GetFileName(e).StartsWith('.')
            );
        }
        finally
        {
            await Mount("umount", Into);
        }
    }

    [Fact]
    public void A_temporary_directory_left_by_a_killed_unpack_is_removed_and_one_of_a_running_unpack_is_left_alone()
    {
        var dead = DeadProcessId();
        var stale = work.Combine($".unpacked.unpacking-{dead}");
        Directory.CreateDirectory(Path.Combine(stale, "root", "etc"));
        File.WriteAllText(Path.Combine(stale, "build.sh"), "half\n");
        // A killed run may have restored a read-only directory already.
        File.SetUnixFileMode(Path.Combine(stale, "root"), (UnixFileMode)0b101_101_101);
        // pid 1 always runs: its unpack into the same directory is not ours to remove.
        var running = work.Combine(".unpacked.unpacking-1");
        Directory.CreateDirectory(running);
        var iso = FakeCd.Build(work);

        Unpacker.Unpack(iso, Into, restoreOwners: false);

        Assert.Equal("test-1\n", File.ReadAllText(Path.Combine(Into, "VERSION")));
        Assert.False(
            Directory.Exists(stale),
            "the killed run's temporary directory is still there"
        );
        Assert.Equal([Path.GetFileName(running)], LeftBeside(iso));
    }

    [Fact]
    public void An_interrupted_unpack_removes_what_it_wrote_and_says_so()
    {
        var iso = FakeCd.Build(work);
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();

        var error = Assert.ThrowsAny<OperationCanceledException>(() =>
            Unpacker.Unpack(iso, Into, restoreOwners: false, interrupt.Token)
        );

        Assert.IsAssignableFrom<IExpectedFailure>(error);
        Assert.Contains("the partial unpack was removed", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Into));
        Assert.Empty(LeftBeside(iso));
    }

    private async Task<int> Mount(string program, params string[] arguments) =>
        (await ProcessRun.RunAsync(program, arguments, work.Path)).ExitCode;

    private static int DeadProcessId()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }
}
