using System.Diagnostics;
using System.Text;

namespace XenDemoCD.Iso9660.Tests.Support;

/// <summary>
/// Runs a tool from a Debian package. A missing tool fails the test with the package to
/// install (listed in REQUIRED-DEBIAN-PACKAGES), never a silent skip.
/// </summary>
public static class DebianTool
{
    public static readonly Dictionary<string, string> PackageOf = new()
    {
        ["xorriso"] = "xorriso",
        ["osirrox"] = "xorriso",
        ["genisoimage"] = "genisoimage",
        ["isoinfo"] = "genisoimage",
        ["isovfy"] = "genisoimage",
        ["bsdtar"] = "libarchive-tools",
        ["7zz"] = "7zip",
        ["grub-mkimage"] = "grub-common",
        ["mformat"] = "mtools",
        ["mmd"] = "mtools",
        ["mcopy"] = "mtools",
        ["mkfs.fat"] = "dosfstools",
        ["qemu-system-x86_64"] = "qemu-system-x86",
    };

    public static string Require(string tool)
    {
        var package = PackageOf.GetValueOrDefault(tool, tool);
        foreach (
            var directory in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
                .Split(':')
                .Append("/usr/sbin")
                .Append("/sbin")
        )
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            $"'{tool}' is not installed: these tests need the Debian package '{package}' (apt-get install {package}; see tests/XenDemoCD.Iso9660.Tests/REQUIRED-DEBIAN-PACKAGES)"
        );
    }

    public static string RequireFile(string path, string package) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"'{path}' is missing: these tests need the Debian package '{package}' (apt-get install {package})"
            );

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    /// <summary>Runs the tool and fails (with its output) on a non-zero exit unless allowed.</summary>
    public static Result Run(
        string tool,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        bool allowFailure = false,
        TimeSpan? timeout = null
    )
    {
        var start = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["TZ"] = "UTC";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish");
        }
        var result = new Result(process.ExitCode, output.Result, error.Result);
        if (!allowFailure && result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{tool} {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.All}"
            );
        }
        return result;
    }

    public static Result Run(string tool, params string[] arguments) =>
        Run(tool, (IEnumerable<string>)arguments);
}
