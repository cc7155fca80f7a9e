using System.Collections.Concurrent;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Stages;

/// <summary>
/// A committed stage survives a power loss: its files, its manifest and the renames that commit
/// it are flushed in an order that never puts a manifest on disk ahead of the data it vouches
/// for. A power loss itself cannot be simulated here: these tests check the flushes are asked
/// for, in that order; that fsync reaches the platter is the kernel's and the disk's part.
/// </summary>
public sealed class StageDurabilityTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Records each flush and whether the stage's manifest was in place at the time.</summary>
    private sealed class RecordingFlush(string stage) : IDiskFlush
    {
        public ConcurrentQueue<(string What, string Path, bool Committed)> Flushes { get; } = [];

        public void File(string path) => Record("file", path);

        public void Directory(string path) => Record("directory", path);

        private void Record(string what, string path) =>
            Flushes.Enqueue(
                (
                    what,
                    path,
                    System.IO.File.Exists(Path.Combine(stage, StageDirectory.ManifestFileName))
                )
            );
    }

    [Fact]
    public void Commit_flushes_every_file_and_the_manifest_before_the_rename_and_the_parent_after()
    {
        var path = temp.Combine("out", "stages", "Sample");
        var flush = new RecordingFlush(path);
        var stage = new StageDirectory(path, flush);
        var output = stage.BeginAttempt();
        File.WriteAllText(Path.Combine(output, "root.tar.gz"), "data");
        Directory.CreateDirectory(Path.Combine(output, "modules", "lib"));
        File.WriteAllText(Path.Combine(output, "modules", "lib", "a.ko"), "module");
        File.CreateSymbolicLink(Path.Combine(output, "link"), "root.tar.gz");

        var manifest = new StageManifest();
        manifest.Add("setting", "fixed");
        stage.Commit(manifest);

        var flushes = flush.Flushes.ToList();
        var files = flushes.Where(f => f.What == "file").Select(f => f.Path).ToList();
        Assert.Contains(Path.Combine(output, "root.tar.gz"), files);
        Assert.Contains(Path.Combine(output, "modules", "lib", "a.ko"), files);
        Assert.Contains(
            files,
            f =>
                Path.GetFileName(f)
                    .StartsWith(StageDirectory.ManifestFileName, StringComparison.Ordinal)
        );
        Assert.DoesNotContain(Path.Combine(output, "link"), files);
        Assert.Equal(files.Count, files.Distinct().Count());
        Assert.All(flushes.Where(f => f.What == "file"), f => Assert.False(f.Committed));

        var directories = flushes.Where(f => f.What == "directory").ToList();
        Assert.Contains(directories, d => d.Path == output && !d.Committed);
        Assert.Contains(directories, d => d.Path == Path.Combine(output, "modules", "lib"));
        Assert.Equal(
            (Path.GetDirectoryName(path)!, true),
            (directories[^1].Path, directories[^1].Committed)
        );
        Assert.NotNull(stage.ReadCommittedManifest());
    }

    [Fact]
    public void The_real_flush_syncs_a_file_and_a_directory()
    {
        var file = temp.Write("data", "bytes");

        Fsync.Instance.File(file);
        Fsync.Instance.Directory(temp.Path);

        Assert.Throws<IOException>(() => Fsync.Instance.File(temp.Combine("missing")));
    }
}
