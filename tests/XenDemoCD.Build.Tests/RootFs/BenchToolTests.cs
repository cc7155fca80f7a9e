using System.Text.Json;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// rootpatch's <c>xendemo-bench</c>, run by the host's python3: <c>run</c> with stand-ins for the
/// benchmark programs (what it records, what it says of a missing one, what an interrupted run
/// leaves) and <c>compare</c> on result files (the table relative to native, the marks of
/// emulated and missing cells, the chart, and the refusals).
/// </summary>
public sealed class BenchToolTests : IDisposable
{
    private static readonly string Tool = RepositoryRoot.Combine(
        "rootpatch/usr/local/sbin/xendemo-bench"
    );

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private Task<(int ExitCode, string Output)> BenchAsync(params string[] arguments) =>
        ProcessRun.RunAsync(
            // Debian's python3 by its path: the PATH below holds only the stand-ins.
            "/usr/bin/python3",
            [Tool, .. arguments],
            temp.Path,
            // Only the stand-ins: a program not among them is missing, whatever the host has.
            // The workloads' files (the CD's /usr/share/xendemo-bench) are the test's own.
            new Dictionary<string, string>
            {
                ["PATH"] = temp.Combine("bin"),
                ["XENDEMO_BENCH_DATA"] = temp.Combine("data"),
            },
            TimeSpan.FromMinutes(1)
        );

    [Fact]
    public async Task The_kernel_build_counts_kbuild_steps_per_minute_of_the_trees_vmlinux_build()
    {
        KernelToolsAndTree(
            """
            case "$*" in
                *tinyconfig*) [ -f "$2/Makefile" ] || exit 9 ;;
                *vmlinux*) printf '  HOSTCC  scripts/basic/fixdep\n  CC      kernel/fork.o\nmake[1]: Nothing\n  LD      vmlinux\n' ;;
            esac
            """
        );

        var build = await KernelBuildAsync();

        Assert.True(build.GetProperty("status").GetString() == "measured", build.ToString());
        Assert.Equal("kbuild steps/min", build.GetProperty("unit").GetString());
        // Two steps in well under a second: far more than two a minute.
        Assert.True(build.GetProperty("value").GetDouble() > 2, build.ToString());
        Assert.Equal(300, build.GetProperty("seconds").GetInt32());
        Assert.Contains("tinyconfig", build.GetProperty("workload").GetString());
    }

    [Fact]
    public async Task A_quick_kernel_build_times_the_configuration_and_counts_its_steps()
    {
        // Configuring takes 1.5 s and compiles kconfig's program; the build then three steps.
        // Timed from the start to the second step, two steps in over 1.5 s are under 80 a
        // minute; timed from the build alone (as a full run does), thousands a minute.
        KernelToolsAndTree(
            """
            case "$*" in
                *tinyconfig*) /bin/sleep 1.5; printf '  HOSTCC  scripts/kconfig/conf.o\n' ;;
                *vmlinux*) printf '  CC      kernel/fork.o\n  CC      init/main.o\n  LD      vmlinux\n' ;;
            esac
            """
        );

        var build = await KernelBuildAsync();

        Assert.True(build.GetProperty("status").GetString() == "measured", build.ToString());
        var value = build.GetProperty("value").GetDouble();
        Assert.InRange(value, 1, 80);
        Assert.Contains(
            "--quick: configuring timed too",
            build.GetProperty("workload").GetString()
        );
    }

    [Fact]
    public async Task A_quick_kernel_build_stops_at_its_second_step_and_is_timed_to_it()
    {
        // A build that would go on for minutes after its second step: --quick stops it there
        // (the test's runner gives the tool one minute), timed to that step's start, 2 s in.
        KernelToolsAndTree(
            """
            case "$*" in
                *vmlinux*) printf '  CC      kernel/fork.o\n'; /bin/sleep 2; printf '  CC      init/main.o\n'; exec /bin/sleep 600 ;;
            esac
            """
        );

        var build = await KernelBuildAsync();

        Assert.True(build.GetProperty("status").GetString() == "measured", build.ToString());
        // 2 steps in just over 2 s: just under 60 a minute, and not a count over a window.
        Assert.InRange(build.GetProperty("value").GetDouble(), 40, 60);
    }

    [Fact]
    public async Task A_kernel_build_that_fails_is_recorded_failed_with_makes_last_lines()
    {
        KernelToolsAndTree(
            """
            case "$*" in
                *vmlinux*) printf '  CC      kernel/fork.o\nkernel/fork.c:1:1: error: boom\n'; exit 2 ;;
            esac
            """
        );

        var build = await KernelBuildAsync();

        Assert.Equal("failed", build.GetProperty("status").GetString());
        Assert.Contains("make vmlinux exited 2", build.GetProperty("reason").GetString());
        Assert.Contains("error: boom", build.GetProperty("reason").GetString());
    }

    /// <summary>Stand-ins for make (<paramref name="make"/>), gcc, flex, bison and bc, the host's tar and gzip, and the tree's archive.</summary>
    private void KernelToolsAndTree(string make)
    {
        FakeTool.Create(temp, "make", make);
        foreach (var tool in new[] { "gcc", "flex", "bison", "bc" })
        {
            FakeTool.Create(temp, tool, "exit 0");
        }
        // The archive is really unpacked, by the host's own tar and gzip.
        foreach (var tool in new[] { "tar", "gzip" })
        {
            FakeTool.Create(temp, tool, $"exec /usr/bin/{tool} \"$@\"");
        }
        temp.Write("tree/linux/Makefile", "# a Linux tree in miniature\n");
        Directory.CreateDirectory(temp.Combine("data"));
        using var archive = File.Create(temp.Combine("data", "linux-tinyconfig.tar.gz"));
        using var gzip = new System.IO.Compression.GZipStream(
            archive,
            System.IO.Compression.CompressionLevel.Fastest
        );
        System.Formats.Tar.TarFile.CreateFromDirectory(
            temp.Combine("tree"),
            gzip,
            includeBaseDirectory: false
        );
    }

    /// <summary>Runs the kernel build alone, quick, as native; returns its entry of the result file.</summary>
    private async Task<JsonElement> KernelBuildAsync()
    {
        var (exitCode, output) = await BenchAsync(
            "run",
            "--quick",
            "--label",
            "native",
            "--results",
            temp.Combine("results"),
            "--scratch",
            temp.Path,
            "--only",
            "kernel-build"
        );
        Assert.True(exitCode == 0, output);
        using var result = JsonDocument.Parse(
            File.ReadAllText(temp.Combine("results", "native.json"))
        );
        return result.RootElement.GetProperty("results").GetProperty("kernel-build").Clone();
    }

    [Fact]
    public async Task Run_records_each_figure_with_its_workload_and_names_the_profile_for_a_missing_program()
    {
        FakeTool.Create(temp, "sysbench", "echo '    events per second:  1234.56'");

        var (exitCode, output) = await BenchAsync(
            "run",
            "--quick",
            "--label",
            "native",
            "--results",
            temp.Combine("results"),
            "--scratch",
            temp.Path,
            "--only",
            "cpu",
            "--only",
            "web"
        );

        Assert.True(exitCode == 0, output);
        using var result = JsonDocument.Parse(
            File.ReadAllText(temp.Combine("results", "native.json"))
        );
        var root = result.RootElement;
        Assert.True(root.GetProperty("complete").GetBoolean());
        Assert.Equal("xendemo-bench 6", root.GetProperty("suite").GetString());
        var cpu = root.GetProperty("results").GetProperty("cpu");
        Assert.Equal(1234.56, cpu.GetProperty("value").GetDouble());
        Assert.Equal(5, cpu.GetProperty("seconds").GetInt32());
        Assert.Contains("sysbench cpu", cpu.GetProperty("workload").GetString());
        var web = root.GetProperty("results").GetProperty("web");
        Assert.Equal("missing", web.GetProperty("status").GetString());
        Assert.Contains(
            "nginx is missing (Debian package nginx)",
            web.GetProperty("reason").GetString()
        );
        Assert.Contains("--profile=bench", web.GetProperty("reason").GetString());
        Assert.True(root.GetProperty("environment").TryGetProperty("mitigations", out _));
    }

    [Fact]
    public async Task An_interrupted_run_leaves_its_file_marked_incomplete()
    {
        // The benchmark program kills the run, as a power cut or Ctrl+C would end it.
        FakeTool.Create(temp, "sysbench", "kill -9 $PPID; sleep 5");

        var (exitCode, _) = await BenchAsync(
            "run",
            "--label",
            "dom0",
            "--results",
            temp.Combine("results"),
            "--only",
            "cpu"
        );

        Assert.NotEqual(0, exitCode);
        using var result = JsonDocument.Parse(
            File.ReadAllText(temp.Combine("results", "dom0.json"))
        );
        Assert.False(result.RootElement.GetProperty("complete").GetBoolean());
        Assert.Empty(Directory.GetFiles(temp.Combine("results"), ".bench-*"));
    }

    [Fact]
    public async Task Compare_prints_each_system_relative_to_native_and_marks_emulated_and_missing_cells()
    {
        var native = Result("native", "native", complete: true, [("cpu", 100), ("web", 50)]);
        var dom0 = Result("dom0", "dom0", complete: true, [("cpu", 97), ("web", 49.5)]);
        var guest = Result("guest1", "guest", complete: false, [("cpu", 90)]);

        var (exitCode, output) = await BenchAsync("compare", dom0, native, guest);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Relative to native (= 1.00", output);
        Assert.Matches(@"cpu\s+0\.97 \*\s+1\.00 \*\s+0\.90 \*", output);
        Assert.Matches(@"web\s+0\.99 \*\s+1\.00 \*\s+-- \(incomplete run\)", output);
        Assert.Contains("* emulated: not a performance figure", output);
        Assert.Contains("guest1.json: incomplete run", output);
        var svg = File.ReadAllText(temp.Combine("comparison.svg"));
        Assert.StartsWith("<svg", svg);
        Assert.Contains("<title>guest1 cpu: 0.90 *</title>", svg);
        Assert.DoesNotContain("guest1 web", svg);
    }

    [Fact]
    public async Task Compare_refuses_results_of_different_workloads_or_suites()
    {
        var full = Result("native", "native", complete: true, [("cpu", 100)]);
        var quick = Result("dom0", "dom0", complete: true, [("cpu", 97)], seconds: 10);
        var other = Result("old", "dom0", complete: true, [("cpu", 97)], suite: "xendemo-bench 0");

        var (workloads, workloadsOutput) = await BenchAsync("compare", full, quick);
        var (suites, suitesOutput) = await BenchAsync("compare", full, other);

        Assert.NotEqual(0, workloads);
        Assert.Contains("cpu ran different workloads", workloadsOutput);
        Assert.Contains("all --quick, or none", workloadsOutput);
        Assert.NotEqual(0, suites);
        Assert.Contains("different suites", suitesOutput);
    }

    private string Result(
        string label,
        string system,
        bool complete,
        (string Name, double Value)[] figures,
        int seconds = 60,
        string suite = "xendemo-bench 1"
    )
    {
        var document = new Dictionary<string, object>
        {
            ["suite"] = suite,
            ["complete"] = complete,
            ["environment"] = new Dictionary<string, object>
            {
                ["label"] = label,
                ["system"] = system,
                ["emulated"] = true,
            },
            ["results"] = figures.ToDictionary(
                f => f.Name,
                f => new Dictionary<string, object>
                {
                    ["workload"] = $"{f.Name} workload",
                    ["seconds"] = seconds,
                    ["status"] = "measured",
                    ["value"] = f.Value,
                    ["unit"] = "ops/s",
                }
            ),
        };
        return temp.Write($"{label}.json", JsonSerializer.Serialize(document));
    }
}
