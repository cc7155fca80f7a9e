using System.Diagnostics;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Shell;

/// <summary>
/// Every shell script the CD ships passes shellcheck for the shell that really runs it: busybox
/// sh in the initrd (strict POSIX sh, as busybox may be built without extensions), Debian's
/// /bin/sh (dash) in the root, bash where a script asks for bash. A missing shellcheck fails the
/// tests: a skipped lint passes nothing.
/// </summary>
public sealed class ShellcheckTests
{
    /// <summary>Shell files without a #! line: sourced by a shell, not run.</summary>
    private static readonly string[] Sourced = ["irtree/etc/profile"];

    public static TheoryData<string> Scripts => new(Discover());

    [Fact]
    public void The_scripts_are_found() =>
        Assert.Superset(
            new HashSet<string>
            {
                "irtree/linuxrc",
                "irtree/etc/profile",
                "rootpatch/usr/local/sbin/xendemo-install",
                "rootpatch/usr/local/lib/xendemo/install-disk",
            },
            Discover().ToHashSet()
        );

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task The_script_passes_shellcheck_for_its_shell(string script)
    {
        var shell = ShellOf(script);
        var start = new ProcessStartInfo(
            "shellcheck",
            ["--norc", $"--shell={shell}", "--format=gcc", script]
        )
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail(
                $"shellcheck is not installed ({e.Message}): apt-get install shellcheck (tests/XenDemoCD.Build.Tests/REQUIRED-DEBIAN-PACKAGES lists it)"
            );
            return;
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var findings = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(
                process.ExitCode == 0,
                $"shellcheck --shell={shell} {script}:\n{findings}{await stderr}"
            );
        }
    }

    /// <summary>The interpreter a script runs under on the CD.</summary>
    private static string ShellOf(string script)
    {
        var first = File.ReadLines(RepositoryRoot.Combine(script)).FirstOrDefault() ?? "";
        return first switch
        {
            _ when first.StartsWith("#!/bin/bash", StringComparison.Ordinal) => "bash",
            _ when first.StartsWith("#!/usr/bin/env bash", StringComparison.Ordinal) => "bash",
            // The initrd has only busybox.
            _ when script.StartsWith("irtree/", StringComparison.Ordinal) => "sh",
            // Debian's /bin/sh.
            _ => "dash",
        };
    }

    private static IEnumerable<string> Discover() =>
        new[] { "rootpatch", "irtree" }
            .SelectMany(folder =>
                Directory.EnumerateFiles(
                    RepositoryRoot.Combine(folder),
                    "*",
                    new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }
                )
            )
            .Where(file => new FileInfo(file).LinkTarget is null)
            .Select(file => Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/'))
            .Where(file => Sourced.Contains(file) || IsShellScript(file))
            .Order(StringComparer.Ordinal);

    private static bool IsShellScript(string file)
    {
        using var reader = new StreamReader(RepositoryRoot.Combine(file));
        var first = reader.ReadLine() ?? "";
        return first.StartsWith("#!", StringComparison.Ordinal)
            && (first.EndsWith("/sh", StringComparison.Ordinal) || first.Contains("bash"));
    }
}
