using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// Root's hash in the CD's /etc/shadow: yescrypt, reproducible, and with a salt that tells
/// nothing about the password (it is public on every copy of the ISO). Runs the real mkpasswd
/// and checks the hash with the host's crypt(3) through perl, as PAM (libxcrypt) would.
/// </summary>
public sealed class RootPasswordTests
{
    private const long Epoch = 1700000000;
    private const string Version = "v1.2";

    private static readonly ToolRunner Tools = new(
        "test",
        CancellationToken.None,
        CancellationToken.None
    );

    [Fact]
    public async Task The_salt_does_not_change_when_the_password_changes()
    {
        var first = await RootPassword.HashAsync(Tools, "first secret", Epoch, Version);
        var second = await RootPassword.HashAsync(Tools, "second secret", Epoch, Version);

        Assert.Equal(Setting(first), Setting(second));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_salt_changes_with_the_version_and_the_date()
    {
        var hash = await RootPassword.HashAsync(Tools, "pw", Epoch, Version);

        Assert.NotEqual(
            Setting(hash),
            Setting(await RootPassword.HashAsync(Tools, "pw", Epoch, "v1.3"))
        );
        Assert.NotEqual(
            Setting(hash),
            Setting(await RootPassword.HashAsync(Tools, "pw", Epoch + 1, Version))
        );
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_hash()
    {
        Assert.Equal(
            await RootPassword.HashAsync(Tools, "xendemo", Epoch, Version),
            await RootPassword.HashAsync(Tools, "xendemo", Epoch, Version)
        );
    }

    [Theory]
    [InlineData("xendemo")]
    [InlineData("with space, 'quotes' and $dollar")]
    public async Task The_hash_is_yescrypt_and_crypt_accepts_the_password_and_only_it(
        string password
    )
    {
        var hash = await RootPassword.HashAsync(Tools, password, Epoch, Version);

        Assert.Matches(@"^\$y\$j9T\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{43}$", hash);
        Assert.Equal(hash, await CryptAsync(password, hash));
        Assert.NotEqual(hash, await CryptAsync(password + "x", hash));
    }

    /// <summary><c>$y$j9T$SALT</c>: everything before the hash proper.</summary>
    private static string Setting(string hash) => hash[..hash.LastIndexOf('$')];

    private static async Task<string> CryptAsync(string password, string setting)
    {
        var (exitCode, output) = await ProcessRun.RunAsync(
            "perl",
            ["-e", "print crypt($ARGV[0], $ARGV[1])", password, setting],
            Path.GetTempPath()
        );
        Assert.True(exitCode == 0, output);
        return output.Trim();
    }
}
