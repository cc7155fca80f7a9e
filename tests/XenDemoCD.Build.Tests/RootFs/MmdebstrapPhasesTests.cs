using XenDemoCD.Build.RootFs;

namespace XenDemoCD.Build.Tests.RootFs;

public sealed class MmdebstrapPhasesTests
{
    // What mmdebstrap 1.3.5 prints on a non-terminal for a tarball in root mode (its "I:" lines,
    // in order), with some of the other lines it prints in between.
    private static readonly string[] Output =
    [
        "I: chroot architecture amd64 is equal to the host's architecture",
        "I: finding correct signed-by value...",
        "done",
        "I: automatically chosen format: tar",
        "I: using /tmp/mmdebstrap.AbCdEf as tempdir",
        "I: running apt-get update...",
        "done",
        "I: downloading packages with apt...",
        "done",
        "I: extracting archives...",
        "done",
        "I: installing essential packages...",
        "I: installing remaining packages inside the chroot...",
        "W: something the user should know",
        "I: cleaning package lists and apt cache...",
        "I: creating tarball...",
        "I: done",
        "I: removing tempdir /tmp/mmdebstrap.AbCdEf...",
        "I: success in 245.1234 seconds",
    ];

    [Fact]
    public void Each_phase_line_of_mmdebstrap_is_recognised_in_order_and_nothing_else()
    {
        var phases = Output.Select(MmdebstrapPhases.Parse).OfType<(int, string)>().ToList();

        Assert.Equal(
            [
                (1, "updating package lists"),
                (2, "downloading packages"),
                (3, "extracting archives"),
                (4, "installing essential packages"),
                (5, "installing remaining packages"),
                (6, "cleaning up"),
                (7, "creating the tarball"),
            ],
            phases
        );
        Assert.Equal(MmdebstrapPhases.Count, phases.Count);
    }

    [Fact]
    public void A_phase_message_without_mmdebstraps_prefix_is_not_a_phase()
    {
        Assert.Null(MmdebstrapPhases.Parse("extracting archives..."));
        Assert.Null(
            MmdebstrapPhases.Parse("Get:1 http://archive/debian bookworm/main amd64 libc6")
        );
    }
}
