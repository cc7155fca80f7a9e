using System.Diagnostics;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Inputs;

/// <summary>
/// Each case of <c>tests/malformed-inputs/</c> is rejected by <c>--dryrun</c> before any task,
/// within seconds, by a message that names the file, the line and the field.
/// </summary>
[Collection(SerialCollection.Name)] // runs the build host, which sets Serilog's global logger
public sealed class MalformedInputTests
{
    public static TheoryData<string> Cases => new(MalformedInputCase.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Dryrun_rejects_the_malformed_input_naming_its_file_line_and_field(string name)
    {
        var @case = MalformedInputCase.Read(name);
        using var root = new TempDirectory();
        @case.LayOut(root.Path);
        var log = new CollectingSink();

        var watch = Stopwatch.StartNew();
        var exitCode = await DryRunAsync(root, log, @case.Arguments);
        watch.Stop();

        Assert.Equal(1, exitCode);
        Assert.Contains(@case.Location(root.Path), log.Text);
        Assert.DoesNotContain("would build", log.Text);
        Assert.True(
            watch.Elapsed < TimeSpan.FromSeconds(5),
            $"the dry run took {watch.Elapsed.TotalSeconds:N1} s"
        );
    }

    [Fact]
    public async Task Dryrun_of_the_repository_inputs_finds_no_problem()
    {
        using var root = new TempDirectory();
        MalformedInputCase.CopyRepositoryInputs(root.Path);
        var log = new CollectingSink();

        var exitCode = await DryRunAsync(root, log, []);

        Assert.True(exitCode == 0, log.Text);
        Assert.Contains("would build", log.Text);
    }

    [Fact]
    public async Task Several_malformed_inputs_are_all_reported_in_one_run()
    {
        using var root = new TempDirectory();
        MalformedInputCase.Read("permissions-mode-above-07777").LayOut(root.Path);
        var second = MalformedInputCase.Read("grub-template-lower-case-token");
        File.Copy(
            Path.Combine(second.Folder, second.File),
            root.Combine(second.File),
            overwrite: true
        );
        var log = new CollectingSink();

        var exitCode = await DryRunAsync(root, log, []);

        Assert.Equal(1, exitCode);
        Assert.Contains("2 input problems", log.Text);
        Assert.Contains(root.Combine("rootpatch.permissions") + ":4: MODE:", log.Text);
        Assert.Contains(root.Combine("grub", "grub.cfg.in") + ":28: @dom0_args@:", log.Text);
    }

    private static async Task<int> DryRunAsync(
        TempDirectory root,
        CollectingSink log,
        IReadOnlyList<string> arguments
    )
    {
        using var cancellation = new BuildCancellation();
        return await new BuildHost<BuildContext>(host => BuildContext.Create(host, root.Path))
            .WithOptions(BuildOptions.All)
            .UseLifetime(new Lifetime())
            .WithDefaultTarget("Default")
            .AddTasksFrom(typeof(BuildContext).Assembly)
            .WithLogSink(log)
            .RunAsync(
                [
                    "--dryrun",
                    $"--out={root.Combine("out")}",
                    $"--cache={root.Combine("cache")}",
                    "--source-date-epoch=1700000000",
                    .. arguments,
                ],
                cancellation
            );
    }
}
