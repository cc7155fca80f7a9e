using CliWrap;
using CliWrap.Buffered;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.Tools;

public sealed class CompileFarmTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private static readonly CompileFarm TwoHosts = new([
        new DistccHost("build1", 3632, 8),
        new DistccHost("10.0.0.5", 3633, 2),
    ]);

    [Fact]
    public void Make_gets_the_jobs_of_this_machine_and_of_every_host()
    {
        Assert.Equal(12, TwoHosts.Jobs(localJobs: 2));
        Assert.Equal(2, CompileFarm.None.Jobs(localJobs: 2));
    }

    [Fact]
    public void Ccache_hands_compiles_to_distcc_which_fills_the_hosts_before_this_machine()
    {
        var environment = new Dictionary<string, string?>();

        TwoHosts.AddTo(environment, localJobs: 2, scratch.Path);

        Assert.Equal("build1/8 10.0.0.5:3633/2 localhost/2", environment["DISTCC_HOSTS"]);
        Assert.Equal(scratch.Combine("distcc-compile"), environment["CCACHE_PREFIX"]);
        Assert.Equal(scratch.Combine("distcc.log"), environment["DISTCC_LOG"]);
        Assert.Equal(scratch.Path, environment["DISTCC_DIR"]);
        Assert.Equal("1", environment["DISTCC_FALLBACK"]);
    }

    [Fact]
    public void Linux_compiles_go_to_distcc_fully_preprocessed_here()
    {
        var environment = new Dictionary<string, string?>();

        TwoHosts.AddTo(environment, localJobs: 2, scratch.Path, macrosOnHost: false);

        Assert.Equal("distcc", environment["CCACHE_PREFIX"]);
        Assert.False(File.Exists(scratch.Combine("distcc-compile")));
    }

    [Fact]
    public void Without_hosts_the_compile_environment_is_left_alone()
    {
        var environment = new Dictionary<string, string?> { ["PATH"] = "/usr/bin" };

        CompileFarm.None.AddTo(environment, localJobs: 2, scratch.Path);

        Assert.Equal(["PATH"], environment.Keys);
    }

    [Theory]
    [InlineData("-c lib/sort.c -o lib/sort.o", "-c lib/sort.c -o lib/sort.o -fdirectives-only")]
    [InlineData(
        "-S asm-offsets.c -o asm-offsets.s",
        "-S asm-offsets.c -o asm-offsets.s -fdirectives-only"
    )]
    [InlineData("-E -P asm-macros.c -o asm-macros.i", "-E -P asm-macros.c -o asm-macros.i")]
    [InlineData("-c -E x.c", "-c -E x.c")]
    [InlineData("-MM x.c", "-MM x.c")]
    [InlineData("-o tools/symbols tools/symbols.c", "-o tools/symbols tools/symbols.c")]
    public async Task Compiles_reach_distcc_with_directives_only_preprocessing_and_nothing_else_does(
        string arguments,
        string expected
    )
    {
        var environment = new Dictionary<string, string?>();
        TwoHosts.AddTo(environment, localJobs: 2, scratch.Path);
        FakeTool.Create(scratch, "distcc", "echo \"$@\"");

        var result = await Cli.Wrap(environment["CCACHE_PREFIX"]!)
            .WithArguments(["gcc", .. arguments.Split(' ')])
            .WithEnvironmentVariables(e =>
                e.Set(
                    "PATH",
                    scratch.Combine("bin") + ":" + Environment.GetEnvironmentVariable("PATH")
                )
            )
            .ExecuteBufferedAsync();

        Assert.Equal("gcc " + expected, result.StandardOutput.Trim());
    }
}
