using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.EntryPoints;

/// <summary>The README's entry points, run as a user runs them (each restores and compiles the host).</summary>
[Trait("Category", "Integration")]
[Collection(SerialCollection.Name)]
public sealed class EntryPointTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static string BuildSh => Path.Combine(RepositoryRoot.Path, "build.sh");

    [Fact]
    public async Task Build_sh_with_an_unknown_target_fails_and_lists_the_targets()
    {
        var (exitCode, output) = await ProcessRun.RunAsync(
            BuildSh,
            ["--target=Nope", $"--out={temp.Path}"],
            temp.Path
        );

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown target 'Nope'. Valid targets:", output);
        Assert.Contains("Hypervisor", output);
    }

    [Fact]
    public async Task Build_sh_dryrun_prints_the_plan_with_reasons_and_writes_nothing()
    {
        var (exitCode, output) = await ProcessRun.RunAsync(
            BuildSh,
            [
                "--dryrun",
                "--target=Hypervisor",
                "--hypervisor=compiled",
                $"--out={temp.Combine("out")}",
            ],
            temp.Path
        );

        Assert.Equal(0, exitCode);
        var prerequisites = output.IndexOf("1. Prerequisites", StringComparison.Ordinal);
        var source = output.IndexOf(
            "2. HypervisorSource   would build: no complete output yet",
            StringComparison.Ordinal
        );
        var hypervisor = output.IndexOf(
            "3. Hypervisor         would build: no complete output yet",
            StringComparison.Ordinal
        );
        Assert.True(prerequisites >= 0 && source > prerequisites && hypervisor > source, output);
        Assert.False(
            Directory.Exists(temp.Combine("out")),
            "a dry run must not create the output directory"
        );
    }

    [Fact]
    public async Task Build_sh_with_a_file_that_is_no_iso_ends_with_the_failure_block_and_the_log_file()
    {
        var notAnIso = temp.Write("not-an.iso", "a text file, not an ISO 9660 image");
        var logs = temp.Combine("out", "logs");

        // Both streams into one pipe, as a terminal shows them: read from two pipes, the order
        // of the report (stdout) and the block (stderr) would be up to the reading threads.
        var (exitCode, output) = await ProcessRun.RunAsync(
            "bash",
            [
                "-c",
                "exec \"$0\" \"$@\" 2>&1",
                BuildSh,
                "--target=Unpack",
                $"--iso={notAnIso}",
                $"--into={temp.Combine("unpacked")}",
                $"--out={temp.Combine("out")}",
            ],
            temp.Path
        );

        Assert.Equal(1, exitCode);
        var logFile = Assert.Single(Directory.GetFiles(logs));
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal("Build failed in task Unpack:", lines[^3]);
        Assert.Contains("the image ends at", lines[^2]);
        Assert.Equal($"Log file: {logFile}", lines[^1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("   at ", StringComparison.Ordinal));
        Assert.Contains("   at ", await File.ReadAllTextAsync(logFile));
    }

    [Fact]
    public async Task Build_sh_description_lists_every_task_with_what_it_does()
    {
        var (exitCode, output) = await ProcessRun.RunAsync(BuildSh, ["--description"], temp.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("Hypervisor           Compiles the Xen hypervisor", output);
        Assert.Contains(
            "Test                 All tests: the fast tests, the CD built, the integration tests",
            output
        );
    }

    [Fact]
    public async Task Build_ps1_runs_the_same_host_under_PowerShell_7()
    {
        var (restore, restoreOutput) = await ProcessRun.RunAsync(
            "dotnet",
            ["tool", "restore"],
            RepositoryRoot.Path
        );
        Assert.True(restore == 0, restoreOutput);

        var (exitCode, output) = await ProcessRun.RunAsync(
            "dotnet",
            [
                "pwsh",
                "-NoProfile",
                "-NonInteractive",
                "-File",
                Path.Combine(RepositoryRoot.Path, "build.ps1"),
                "--target=Nope",
                $"--out={temp.Path}",
            ],
            RepositoryRoot.Path
        );

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown target 'Nope'. Valid targets:", output);

        var (treeExit, tree) = await ProcessRun.RunAsync(
            "dotnet",
            [
                "pwsh",
                "-NoProfile",
                "-NonInteractive",
                "-File",
                Path.Combine(RepositoryRoot.Path, "build.ps1"),
                "--tree",
                "--target=Hypervisor",
            ],
            RepositoryRoot.Path
        );
        Assert.Equal(0, treeExit);
        Assert.Contains("└── HypervisorSource", tree);
    }
}
