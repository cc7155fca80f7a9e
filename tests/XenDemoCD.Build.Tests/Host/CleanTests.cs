using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tasks;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Host;

/// <summary>
/// <c>--target=Clean</c> empties only an output directory the build made (it carries the
/// marker), removes only what the build writes there, and never touches the checkout, a parent
/// of it or the home directory, whatever <c>--out</c> says. Runs the real host and task over a
/// checkout-like temp root.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class CleanTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string? originalHome = Environment.GetEnvironmentVariable("HOME");

    public CleanTests()
    {
        temp.Write("checkout/Cake.csproj", "<Project />");
        temp.Write("checkout/build/Program.cs", "// the build system");
        temp.Write("home/.ssh/id_ed25519", "a key");
        Environment.SetEnvironmentVariable("HOME", temp.Combine("home"));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("HOME", originalHome);
        temp.Dispose();
    }

    private string Checkout => temp.Combine("checkout");

    [Theory]
    [InlineData("checkout")]
    [InlineData("checkout/..")]
    public async Task The_checkout_and_its_parents_are_refused_and_nothing_is_deleted(string output)
    {
        var directory = temp.Combine(output);
        File.WriteAllText(Path.Combine(directory, OutputDirectory.MarkerName), "");
        Directory.CreateDirectory(Path.Combine(directory, "stages"));

        var (exitCode, text) = await CleanAsync(directory);

        Assert.Equal(1, exitCode);
        Assert.Contains("Clean would remove the build system itself", text);
        Assert.True(File.Exists(temp.Combine("checkout", "build", "Program.cs")));
        Assert.True(Directory.Exists(Path.Combine(directory, "stages")));
    }

    [Fact]
    public async Task The_home_directory_is_refused_even_with_the_marker()
    {
        var home = temp.Combine("home");
        File.WriteAllText(Path.Combine(home, OutputDirectory.MarkerName), "");
        Directory.CreateDirectory(Path.Combine(home, "work"));

        var (exitCode, text) = await CleanAsync(home);

        Assert.Equal(1, exitCode);
        Assert.Contains("is your home directory; Clean never empties it", text);
        Assert.True(File.Exists(temp.Combine("home", ".ssh", "id_ed25519")));
        Assert.True(Directory.Exists(Path.Combine(home, "work")));
    }

    [Fact]
    public async Task A_directory_without_the_marker_is_refused_with_what_to_do()
    {
        var output = temp.Combine("old-out");
        temp.Write("old-out/stages/Kernel/vmlinuz", "kernel");

        var (exitCode, text) = await CleanAsync(output);

        Assert.Equal(1, exitCode);
        Assert.Contains($"has no {OutputDirectory.MarkerName}", text);
        Assert.Contains($"rm -rf '{output}'", text);
        Assert.True(File.Exists(Path.Combine(output, "stages", "Kernel", "vmlinuz")));
    }

    [Fact]
    public async Task The_build_marks_the_output_directory_it_makes_and_Clean_empties_it_but_keeps_the_logs()
    {
        var output = temp.Combine("out");
        Assert.Equal(0, (await CleanAsync(output)).ExitCode); // made, marked, nothing to remove
        Assert.True(File.Exists(Path.Combine(output, OutputDirectory.MarkerName)));
        temp.Write("out/stages/Kernel/vmlinuz", "kernel");
        temp.Write("out/work/Kernel/main.o", "object");
        temp.Write("out/boot-test/bios-cd.serial.log", "boot");
        temp.Write("out/xendemo-1.0.iso", "link");
        temp.Write("out/notes.txt", "the user's own");

        var (exitCode, text) = await CleanAsync(output);

        Assert.True(exitCode == 0, text);
        Assert.Equal(
            [".xendemocd-out", "logs", "notes.txt"],
            Directory
                .EnumerateFileSystemEntries(output)
                .Select(Path.GetFileName)
                .Order(StringComparer.Ordinal)
        );
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "logs"), "build-*.log"));
    }

    private async Task<(int ExitCode, string Output)> CleanAsync(string output)
    {
        using var console = new ConsoleCapture();
        using var cancellation = new BuildCancellation();
        var exitCode = await new BuildHost<BuildContext>(host =>
            BuildContext.Create(host, Checkout)
        )
            .WithOptions(BuildOptions.All)
            .WithLogDirectory(BuildContext.LogDirectoryFor)
            .AddTasks([typeof(Clean)])
            .WithDefaultTarget(nameof(Clean))
            .RunAsync(
                [
                    $"--out={output}",
                    $"--cache={temp.Combine("cache")}",
                    "--source-date-epoch=1700000000",
                ],
                cancellation
            );
        return (exitCode, console.Text);
    }
}
