using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.Tools;

public sealed class DistccTallyTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    // As distcc 3.4 writes them (DISTCC_LOG), trimmed to the lines that matter and one that does not.
    private const string Log = """
        distcc[30472] exec on 10.213.1.2/2: /usr/bin/gcc -c -o lib/bsearch.o ../xen/lib/bsearch.c
        distcc[30472] compile ../xen/lib/bsearch.c on 10.213.1.2/2 completed ok
        distcc[30480] compile ../xen/lib/ctors.c on 10.213.2.2:3633/2 completed ok
        distcc[30481] compile ../xen/lib/ctype.c on 10.213.1.2/2 completed ok
        distcc[30490] compile tools/symbols.c on localhost/2 completed ok
        distcc[16029] ERROR: compile ../xen/common/bitmap.c on 10.213.2.2:3633/2 failed
        distcc[16029] Warning: failed to distribute ../xen/common/bitmap.c to 10.213.2.2:3633/2, running locally instead
        distcc[16029] compile ../xen/common/bitmap.c on localhost completed ok

        """;

    [Fact]
    public void Compiles_are_counted_per_host_here_and_after_a_host_failed()
    {
        var log = scratch.Write("distcc.log", Log);
        var tally = new DistccTally(log);

        tally.Refresh(now: true);

        Assert.Equal(2, tally.On("10.213.1.2"));
        Assert.Equal(1, tally.On("10.213.2.2:3633"));
        Assert.Equal(3, tally.OnHosts);
        Assert.Equal(2, tally.Here);
        Assert.Equal(1, tally.Fallbacks);
        Assert.Equal(
            "10.213.1.2 2, 10.213.2.2:3633 1, here 2 (1 after a host failed)",
            tally.Summary()
        );
    }

    [Fact]
    public void A_line_distcc_is_still_writing_is_counted_once_it_is_complete()
    {
        var log = scratch.Write("distcc.log", "distcc[1] compile a.c on build1/4 compl");
        var tally = new DistccTally(log);

        tally.Refresh(now: true);
        Assert.Equal(0, tally.OnHosts);

        File.AppendAllText(log, "eted ok\ndistcc[2] compile b.c on build1/4 completed ok\n");
        tally.Refresh(now: true);

        Assert.Equal(2, tally.On("build1"));
    }

    [Fact]
    public void No_log_yet_counts_nothing()
    {
        var tally = new DistccTally(scratch.Combine("distcc.log"));

        tally.Refresh(now: true);

        Assert.Equal("here 0", tally.Summary());
    }

    [Fact]
    public void The_progress_line_shows_where_the_files_went_beside_the_count()
    {
        var log = scratch.Write("distcc.log", Log);
        var recorder = new RecordingProgress();
        var progress = new CompileProgress(recorder, 10, new DistccTally(log));

        progress.OnLine("  CC      lib/bsearch.o");

        Assert.Equal(
            "in lib · distcc: 10.213.1.2 2, 10.213.2.2:3633 1, here 2 (1 after a host failed)",
            recorder.Reports.Single().Detail
        );
    }
}
