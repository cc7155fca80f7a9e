using XenDemoCD.IsoTool;

namespace XenDemoCD.Iso9660.Tests.IsoTool;

/// <summary>One isotool run, in-process: its exit code and what it printed on each stream.</summary>
public sealed record IsotoolRun(int ExitCode, string Output, string Error)
{
    public static IsotoolRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = Cli.Run(args, output, error);
        return new IsotoolRun(exitCode, output.ToString(), error.ToString());
    }

    public string FirstErrorLine => Error.Split('\n')[0];
}
