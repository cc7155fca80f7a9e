using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.Tools;

public sealed class ToolRunnerTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static ToolRunner Runner(
        CancellationToken graceful = default,
        CancellationToken forceful = default
    ) => new("Hypervisor", graceful, forceful);

    [Fact]
    public async Task Tools_run_in_the_C_UTF8_locale_and_UTC_unless_the_task_sets_its_own()
    {
        var fake = FakeTool.Create(
            temp,
            "env-report",
            "echo \"LC_ALL=$LC_ALL TZ=$TZ LANGUAGE=${LANGUAGE-unset}\"; echo 'a warning' >&2"
        );
        var tool = new HostTool(fake, "env-report");

        var plain = await Runner().CaptureAsync(tool, c => c);
        var own = await Runner()
            .CaptureAsync(tool, c => c.WithEnvironmentVariables(e => e.Set("TZ", "Europe/Berlin")));

        // Only standard output is captured: a tool's warnings never reach a manifest.
        Assert.Equal("LC_ALL=C.UTF-8 TZ=UTC LANGUAGE=unset", plain.Trim());
        Assert.Equal("LC_ALL=C.UTF-8 TZ=Europe/Berlin LANGUAGE=unset", own.Trim());
    }

    [Fact]
    public async Task A_failing_tool_reports_the_task_the_command_line_the_exit_code_and_its_last_lines()
    {
        var fake = FakeTool.Create(
            temp,
            "make",
            "for i in $(seq 1 40); do echo \"line $i\"; done; echo 'cc1: error: boom' >&2; exit 2"
        );

        var error = await Assert.ThrowsAsync<ToolFailedException>(() =>
            Runner()
                .RunAsync(
                    new HostTool(fake, "make"),
                    c => c.WithArguments(["-C", "xen dir", "-j2"])
                )
        );

        Assert.Equal(2, error.ExitCode);
        Assert.StartsWith("Hypervisor: command failed with exit code 2", error.Message);
        Assert.Contains("-C \"xen dir\" -j2", error.Message);
        // Standard output and error are read side by side: the error's line may be read before
        // "line 11" and would fall out of a plain tail of thirty; it is kept all the same.
        Assert.Contains("cc1: error: boom", error.LastLines);
        Assert.Equal(
            "line 40",
            error.LastLines.Last(l => l.StartsWith("line", StringComparison.Ordinal))
        );
        Assert.InRange(error.LastLines.Count, 30, 31);
        Assert.DoesNotContain("line 1\n", error.Message);
    }

    [Fact]
    public async Task A_missing_tool_names_the_debian_package_that_provides_it()
    {
        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() =>
            Runner().RunAsync(new HostTool("xendemocd-no-such-tool", "xendemocd-tools"), c => c)
        );

        Assert.Contains("'xendemocd-no-such-tool' is not installed", error.Message);
        Assert.Contains("apt-get install xendemocd-tools", error.Message);
    }

    [Fact]
    public async Task Output_arrives_line_by_line_while_the_tool_runs()
    {
        var fake = FakeTool.Create(temp, "chatty", "echo one; echo two >&2; echo three");
        var lines = new List<string>();

        await Runner()
            .RunAsync(
                new HostTool(fake, "chatty"),
                c => c,
                line =>
                {
                    lock (lines)
                    {
                        lines.Add(line);
                    }
                }
            );

        Assert.Equal(["one", "three", "two"], lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Interrupting_sends_SIGINT_so_the_tool_can_clean_up_before_it_exits()
    {
        var marker = temp.Combine("cleaned-up");
        // Perl, not a shell trap: a shell cannot trap a signal it inherited as ignored, and a
        // test host started in the background by a non-interactive shell inherits SIGINT ignored.
        var fake = FakeTool.Create(
            temp,
            "make",
            $"exec perl -e '$| = 1; $SIG{{INT}} = sub {{ open(my $f, \">\", \"{marker}\"); print $f \"cleaned\\n\"; close($f); exit 130 }}; print \"started\\n\"; sleep 1 while 1'"
        );
        using var graceful = new CancellationTokenSource();
        using var forceful = new CancellationTokenSource();

        var run = Runner(graceful.Token, forceful.Token)
            .RunAsync(
                new HostTool(fake, "make"),
                c => c,
                line =>
                {
                    if (line == "started")
                    {
                        graceful.Cancel();
                        // Were the SIGINT lost, the kill ends the run and the marker check fails.
                        forceful.CancelAfter(TimeSpan.FromSeconds(30));
                    }
                }
            );

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(File.Exists(marker), "the tool got no SIGINT to clean up on");
        Assert.Contains("Hypervisor: interrupted", error.Message);
    }

    [Fact]
    public async Task A_tool_that_ignores_SIGINT_is_killed_when_the_grace_period_ends()
    {
        var fake = FakeTool.Create(
            temp,
            "stubborn",
            "trap '' INT\necho started\nwhile true; do sleep 0.1; done"
        );
        using var graceful = new CancellationTokenSource();
        using var forceful = new CancellationTokenSource();

        var run = Runner(graceful.Token, forceful.Token)
            .RunAsync(
                new HostTool(fake, "stubborn"),
                c => c,
                line =>
                {
                    if (line == "started")
                    {
                        graceful.Cancel();
                        forceful.CancelAfter(TimeSpan.FromMilliseconds(500));
                    }
                }
            );

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            run.WaitAsync(TimeSpan.FromSeconds(20))
        );
    }

    [Theory]
    [InlineData(2, "exit code 2")]
    [InlineData(137, "killed by signal 9 (SIGKILL) (exit code 137)")]
    [InlineData(130, "killed by signal 2 (SIGINT) (exit code 130)")]
    public void An_exit_by_signal_is_named_as_such(int exitCode, string expected) =>
        Assert.Equal(expected, ToolFailedException.DescribeExit(exitCode));

    [Fact]
    public void A_package_is_installed_only_when_dpkg_says_install_ok_installed()
    {
        var status = temp.Write(
            "status",
            "Package: ovmf\nStatus: install ok installed\n\nPackage: xorriso\nStatus: deinstall ok config-files\n\nPackage: qemu\nStatus: install ok not-installed\n"
        );

        Assert.True(HostToolCheck.IsPackageInstalled("ovmf", status));
        Assert.False(HostToolCheck.IsPackageInstalled("xorriso", status));
        Assert.False(HostToolCheck.IsPackageInstalled("qemu", status));
        Assert.False(HostToolCheck.IsPackageInstalled("absent", status));
    }
}
