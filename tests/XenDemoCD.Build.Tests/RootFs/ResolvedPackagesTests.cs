using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Stages;

namespace XenDemoCD.Build.Tests.RootFs;

public sealed class ResolvedPackagesTests
{
    // Lines of `mmdebstrap --simulate --verbose` (1.3.5, bookworm): apt's Inst and Conf lines of
    // both phases, and the chatter around them.
    private static readonly string[] Simulation =
    [
        "I: running apt-get update...",
        "Fetched 9422 kB in 2s (4058 kB/s)",
        "The following NEW packages will be installed:",
        "  base-files base-passwd bash bsdutils coreutils dash debconf debianutils",
        "Inst gcc-12-base (12.2.0-14+deb12u1 Debian:12.15/oldstable [amd64])",
        "Inst libc6 (2.36-9+deb12u14 Debian:12.15/oldstable [amd64]) []",
        "Conf libc6 (2.36-9+deb12u14 Debian:12.15/oldstable [amd64])",
        "I: simulate installing remaining packages inside the chroot...",
        "Inst libc6 (2.36-9+deb12u14 Debian:12.15/oldstable [amd64]) []",
        "Inst libssl3 [3.0.15-1~deb12u1] (3.0.16-1~deb12u1 Debian-Security:12/oldstable-security [amd64])",
        "Inst xen-utils-4.17 (4.17.7+13-g2445b30a44-0+deb12u1 Debian-Security:12/oldstable-security [amd64])",
    ];

    [Fact]
    public void The_simulation_gives_each_package_once_with_its_version()
    {
        var resolved = ResolvedPackages.FromSimulation(Simulation);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["gcc-12-base"] = "12.2.0-14+deb12u1",
                ["libc6"] = "2.36-9+deb12u14",
                ["libssl3"] = "3.0.16-1~deb12u1",
                ["xen-utils-4.17"] = "4.17.7+13-g2445b30a44-0+deb12u1",
            },
            resolved.Versions
        );
    }

    [Fact]
    public void A_pinned_version_the_archive_does_not_serve_is_named()
    {
        var lines = new[]
        {
            "Building dependency tree...",
            "E: Version '4.17.0-1' for 'xen-utils-4.17' was not found",
            "E: setup failed: E: apt-get --yes -oAPT::Get::Simulate=true install busybox xen-utils-4.17=4.17.0-1 failed",
        };

        Assert.Equal(("xen-utils-4.17", "4.17.0-1"), ResolvedPackages.MissingVersion(lines));
        Assert.Null(ResolvedPackages.MissingVersion(Simulation));
    }

    [Fact]
    public void A_changed_package_reads_as_its_old_and_new_version()
    {
        var before = new StageManifest()
            .AddPackage("openssl", "3.0.15-1~deb12u1")
            .AddPackage("libgone1", "1.0-1")
            .Add("mmdebstrap", "mmdebstrap 1.3.5");
        var after = new StageManifest()
            .AddPackage("openssl", "3.0.16-1~deb12u1")
            .AddPackage("libnew2", "2.0-1")
            .Add("mmdebstrap", "mmdebstrap 1.3.5");

        Assert.Equal(
            [
                "new package libnew2 2.0-1",
                "openssl 3.0.15-1~deb12u1 → 3.0.16-1~deb12u1",
                "package libgone1 1.0-1 removed",
            ],
            after.DifferencesFrom(before)
        );
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["libnew2"] = "2.0-1",
                ["openssl"] = "3.0.16-1~deb12u1",
            },
            after.Packages
        );
    }
}
