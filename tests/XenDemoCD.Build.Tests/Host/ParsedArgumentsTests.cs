using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Tests.Host;

public sealed class ParsedArgumentsTests
{
    private static readonly CommandLineOption[] Known =
    [
        HostOptions.Target,
        HostOptions.DryRun,
        new CommandLineOption("jobs", "jobs", "N"),
        new CommandLineOption("into", "a directory", "DIR") { IsPath = true },
    ];

    private static string Home => Environment.GetEnvironmentVariable("HOME")!.TrimEnd('/');

    [Theory]
    [InlineData("--into=~/xendemocd", "/xendemocd")]
    [InlineData("--into=~", "")]
    [InlineData("--into=~/", "/")]
    public void A_leading_tilde_in_a_path_is_the_home_directory(string argument, string rest)
    {
        var arguments = ParsedArguments.Parse([argument], Known);

        Assert.Equal(Home + rest, arguments.Get("into"));
    }

    [Theory]
    [InlineData("--into=a/~/b", "a/~/b")]
    [InlineData("--into=~user/x", "~user/x")]
    [InlineData("--target=~/x", "~/x")]
    public void A_tilde_elsewhere_or_in_a_value_that_is_no_path_is_left_alone(
        string argument,
        string expected
    )
    {
        var name = argument[2..argument.IndexOf('=')];

        Assert.Equal(expected, ParsedArguments.Parse([argument], Known).Get(name));
    }

    [Theory]
    [InlineData("out")]
    [InlineData("cache")]
    [InlineData("iso")]
    [InlineData("into")]
    [InlineData("ssh-key")]
    public void Every_build_option_that_takes_a_path_expands_a_leading_tilde(string option)
    {
        var arguments = ParsedArguments.Parse(
            [$"--{option}=~/x"],
            [.. HostOptions.All, .. BuildOptions.All]
        );

        Assert.Equal(Home + "/x", arguments.Get(option));
    }

    [Fact]
    public void Values_can_be_given_with_an_equals_sign_or_as_the_next_argument()
    {
        var arguments = ParsedArguments.Parse(["--target=Kernel", "--jobs", "4"], Known);

        Assert.Equal("Kernel", arguments.Get("target"));
        Assert.Equal("4", arguments.Get("jobs"));
    }

    [Fact]
    public void A_bare_flag_means_true_and_an_absent_one_false()
    {
        var arguments = ParsedArguments.Parse(["--dryrun"], Known);

        Assert.True(arguments.Flag("dryrun"));
        Assert.False(ParsedArguments.Parse([], Known).Flag("dryrun"));
    }

    [Fact]
    public void A_later_argument_overrides_an_earlier_one()
    {
        var arguments = ParsedArguments.Parse(["--target=A", "-t", "B"], Known);

        Assert.Equal("B", arguments.Get("target"));
    }

    [Fact]
    public void An_option_that_needs_a_value_says_so_when_it_has_none()
    {
        var error = Assert.Throws<CommandLineException>(() =>
            ParsedArguments.Parse(["--jobs"], Known)
        );

        Assert.Contains("--jobs=N", error.Message);
    }

    [Fact]
    public void A_positional_argument_is_rejected_with_the_valid_arguments()
    {
        var error = Assert.Throws<CommandLineException>(() =>
            ParsedArguments.Parse(["Kernel"], Known)
        );

        Assert.Contains("Unknown argument 'Kernel'", error.Message);
        Assert.Contains("--target=TASK", error.Message);
    }
}
