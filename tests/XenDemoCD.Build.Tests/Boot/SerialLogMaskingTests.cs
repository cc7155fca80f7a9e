using System.Text.RegularExpressions;
using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Boot;

/// <summary>
/// The boot test types root's password on the serial console; what it keeps (the serial logs
/// in out/boot-test, the tails and failed commands it quotes in the build log) must not hold
/// it. A shell stands in for QEMU: it prints the password the way a console echoes typed keys,
/// a few characters at a time.
/// </summary>
public sealed class SerialLogMaskingTests : IDisposable
{
    private const string Password = "s3cret-Pw";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task The_log_file_and_the_tail_hold_the_password_masked_even_when_it_arrives_in_pieces()
    {
        var logFile = temp.Combine("case.serial.log");
        var console = SerialConsole.Start(
            "sh",
            [
                "-c",
                "printf 'login: root\\nPassword: '; sleep 0.2; printf 's3'; sleep 0.2; printf 'cret'; "
                    + "sleep 0.2; printf -- '-Pw\\n# sshpass -p s3cret-Pw ssh\\n'; "
                    + "echo 'qemu says s3cret-Pw' >&2; sleep 0.2; printf 'ends with s3c'; sleep 0.2; echo DONE",
            ],
            logFile,
            SecretMask.ForRootPassword(Password)
        );
        await console.WaitForAsync("DONE", TimeSpan.FromSeconds(20), CancellationToken.None);
        await Task.Delay(300);
        var tail = console.Tail(10);
        await console.DisposeAsync();

        var log = await File.ReadAllTextAsync(logFile);
        Assert.DoesNotContain(Password, log);
        Assert.DoesNotContain(Password, tail);
        Assert.Equal(3, Regex.Matches(log, Regex.Escape(SecretMask.Hidden)).Count);
        Assert.Contains("Password: ********", log);
        Assert.Contains("sshpass -p ******** ssh", tail);
        Assert.Contains("[qemu] qemu says ********", log);
        // Held back while it might have been the password's start, then written as it was
        // (QEMU's standard error may land right after it: another pipe).
        Assert.Contains("ends with s3c", log);
        Assert.Contains("DONE", log);
    }

    [Fact]
    public async Task A_failed_check_quotes_its_command_with_the_password_masked()
    {
        await using var console = SerialConsole.Start(
            "sh",
            ["-c", "while read -r line; do echo \"XD-RESULT check 1\"; done"],
            temp.Combine("check.serial.log"),
            SecretMask.ForRootPassword(Password)
        );
        var shell = new DomainShell(console, CancellationToken.None);

        var failure = await shell.CheckAsync("check", $"sshpass -p '{Password}' ssh root@guest");

        Assert.Equal("check (exit 1: sshpass -p '********' ssh root@guest)", failure);
    }

    [Theory]
    [InlineData(new[] { "xxabc", "defyy" }, "xx********yy")]
    [InlineData(new[] { "xxa", "b", "c", "d", "e", "fyy" }, "xx********yy")]
    [InlineData(new[] { "ab", "ab" }, "abab")]
    [InlineData(new[] { "xxabcde" }, "xxabcde")]
    public async Task A_secret_split_between_chunks_is_masked_and_what_only_began_like_one_is_kept(
        string[] chunks,
        string expected
    )
    {
        var file = temp.Combine("chunks.log");
        var writer = new MaskedLogWriter(file, new SecretMask(["abcdef"]));
        foreach (var chunk in chunks)
        {
            await writer.WriteAsync(chunk);
        }
        await writer.DisposeAsync();

        Assert.Equal(expected, await File.ReadAllTextAsync(file));
    }

    [Fact]
    public void The_published_default_password_is_not_masked()
    {
        Assert.Equal(
            "xendemo login: root",
            SecretMask.ForRootPassword("xendemo").Apply("xendemo login: root")
        );
    }
}
