using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// How <c>xendemo-install --disk</c> reads the installed system's root password
/// (rootpatch's <c>/usr/local/lib/xendemo/root-password</c>, run by the host's sh): the first
/// line of standard input or of a file, exactly as typed; never a command-line argument.
/// </summary>
public sealed class RootPasswordSourceTests : IDisposable
{
    private static readonly string Library = RepositoryRoot.Combine(
        "rootpatch/usr/local/lib/xendemo/root-password"
    );

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("s3cret\nsecond line\n", "s3cret")]
    [InlineData(
        "  with spaces, 'quotes' and \\backslash  \n",
        "  with spaces, 'quotes' and \\backslash  "
    )]
    [InlineData("no newline at the end", "no newline at the end")]
    public async Task A_file_gives_its_first_line_as_it_is(string content, string expected)
    {
        var file = temp.Write("password", content);

        var (exitCode, output) = await ReadAsync("file:" + file, "");

        Assert.True(exitCode == 0, output);
        Assert.Equal($"[{expected}]", output.TrimEnd('\n'));
    }

    [Fact]
    public async Task Standard_input_gives_its_first_line()
    {
        var (exitCode, output) = await ReadAsync("stdin", "from a pipe\nmore\n");

        Assert.True(exitCode == 0, output);
        Assert.Equal("[from a pipe]", output.TrimEnd('\n'));
    }

    [Fact]
    public async Task Without_a_source_and_without_a_terminal_it_names_the_options()
    {
        var (exitCode, output) = await ReadAsync("", "");

        Assert.Equal(1, exitCode);
        Assert.Contains("--root-password-stdin or --root-password-file=FILE", output);
    }

    [Fact]
    public async Task An_empty_first_line_is_refused()
    {
        var (exitCode, output) = await ReadAsync("stdin", "\nsecond\n");

        Assert.Equal(1, exitCode);
        Assert.Contains("the root password is empty", output);
    }

    /// <summary>Sources the library as install-disk does and prints what it read in brackets.</summary>
    private async Task<(int ExitCode, string Output)> ReadAsync(string from, string input)
    {
        var inputFile = temp.Write("stdin", input);
        return await ProcessRun.RunAsync(
            "sh",
            [
                "-c",
                "die() { echo \"$*\" >&2; exit 1; }; . \"$1\"; read_root_password \"$2\" <\"$3\"; printf '[%s]\\n' \"$root_password\"",
                "sh",
                Library,
                from,
                inputFile,
            ],
            temp.Path
        );
    }
}
