using System.Diagnostics;
using System.Text;

// GNU cpio, stat and extraction as root: these tests are about Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace XenDemoCD.Cpio.Tests.Support;

/// <summary>
/// Runs a program from a Debian package. A missing one fails the test with the package to
/// install (as REQUIRED-DEBIAN-PACKAGES lists it), never a silent skip.
/// </summary>
public static class HostProgram
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string Require(string program, string package)
    {
        foreach (
            var directory in (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(':')
                .Append("/usr/bin")
                .Append("/bin")
        )
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            $"'{program}' is not installed: the cpio tests need the Debian package '{package}' (apt-get install {package}; see tests/XenDemoCD.Cpio.Tests/REQUIRED-DEBIAN-PACKAGES)"
        );
    }

    public static Result Run(
        string program,
        string package,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        byte[]? input = null
    )
    {
        var start = new ProcessStartInfo(Require(program, package))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 2 minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    public static Result RunChecked(
        string program,
        string package,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        byte[]? input = null
    )
    {
        var result = Run(program, package, arguments, workingDirectory, input);
        Assert.True(
            result.ExitCode == 0,
            $"{program} failed ({result.ExitCode}):\n{result.Output}\n{result.Error}"
        );
        return result;
    }
}
