using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

public sealed class PackageProfileTests : IDisposable
{
    private readonly TempDirectory layout = new();

    public void Dispose() => layout.Dispose();

    [Fact]
    public void The_checkouts_bench_profile_adds_the_benchmark_programs()
    {
        var bench = PackageProfile.Load(RepositoryRoot.Combine("usr-layout"), "bench");

        Assert.Contains("sysbench", bench.Packages);
        Assert.Contains("dbench", bench.Packages);
        Assert.Contains("postgresql", bench.Packages);
        Assert.Contains("bench", PackageProfile.Available(RepositoryRoot.Combine("usr-layout")));
    }

    [Fact]
    public void An_unknown_profile_names_its_missing_file_and_the_profiles_there_are()
    {
        layout.Write("profiles/desktop.json", """{ "description": "x", "packages": ["xinit"] }""");

        var error = Assert.Throws<InputFileException>(() =>
            PackageProfile.Load(layout.Path, "bnech")
        );

        Assert.Equal(layout.Combine("profiles", "bnech.json"), error.File);
        Assert.Contains("there is no profile 'bnech'", error.Message);
        Assert.Contains("use one of desktop", error.Message);
    }

    [Fact]
    public void A_bad_package_name_is_reported_at_its_line()
    {
        layout.Write(
            "profiles/bench.json",
            "{\n  \"description\": \"x\",\n  \"packages\": [\n    \"fio\",\n    \"Dbench 4\"\n  ]\n}\n"
        );

        var error = Assert.Throws<InputFileException>(() =>
            PackageProfile.Load(layout.Path, "bench")
        );

        Assert.Equal(5, error.Line);
        Assert.Equal("packages", error.Field);
        Assert.Contains("'Dbench 4' is not a package name", error.Message);
    }

    [Fact]
    public void A_profile_without_packages_or_description_is_refused_with_the_field()
    {
        layout.Write("profiles/empty.json", """{ "description": "x", "packages": [] }""");
        layout.Write("profiles/mute.json", """{ "packages": ["fio"] }""");

        Assert.Equal(
            "packages",
            Assert.Throws<InputFileException>(() => PackageProfile.Load(layout.Path, "empty")).Field
        );
        Assert.Equal(
            "description",
            Assert.Throws<InputFileException>(() => PackageProfile.Load(layout.Path, "mute")).Field
        );
    }

    [Fact]
    public void Profiles_combine_with_commas_and_a_name_with_a_path_is_refused()
    {
        Assert.Equal(["bench", "desktop"], PackageProfile.ParseNames("bench, desktop,bench"));
        Assert.Empty(PackageProfile.ParseNames(null));

        var error = Assert.Throws<CommandLineException>(() =>
            PackageProfile.ParseNames("../bench")
        );
        Assert.Contains("'../bench' is not a profile name", error.Message);
    }
}
