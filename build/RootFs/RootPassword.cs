using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CliWrap;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// Root's password as the CD's <c>/etc/shadow</c> stores it: a yescrypt hash, Debian's default
/// scheme, made by <c>mkpasswd</c>. The salt is public on every copy of the ISO, so it comes only
/// from what is public anyway (the date and the version): derived from the password, it would
/// let anyone test guesses at the speed of one SHA-256 each, yescrypt's cost skipped. Fixed
/// inputs still give the same hash, so the image stays reproducible.
/// </summary>
public static class RootPassword
{
    /// <summary>The password when none is given; README.md publishes it, so it hides nothing.</summary>
    public const string Default = "xendemo";

    /// <summary>yescrypt at <c>mkpasswd -m yescrypt</c>'s (and PAM's) default cost.</summary>
    public const string Scheme = "$y$j9T$";

    // crypt(3)'s base-64 alphabet; 16 characters are 12 whole bytes, which every yescrypt accepts.
    private const string SaltAlphabet =
        "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int SaltLength = 16;

    /// <summary>The salt for a build: from its SOURCE_DATE_EPOCH and version only, never the password.</summary>
    private static string Salt(long epoch, string versionId)
    {
        var digest = SHA256.HashData(
            Encoding.UTF8.GetBytes(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"xendemocd-root-salt:{epoch}:{versionId}"
                )
            )
        );
        return new string(digest.Take(SaltLength).Select(b => SaltAlphabet[b & 63]).ToArray());
    }

    /// <summary>The shadow field for <paramref name="password"/>: <c>$y$j9T$SALT$HASH</c>.</summary>
    public static async Task<string> HashAsync(
        ToolRunner tools,
        string password,
        long epoch,
        string versionId
    )
    {
        var salt = Salt(epoch, versionId);
        // The password goes in on standard input, never on a command line; a salt starting with
        // '$' is the whole setting, which mkpasswd hands to crypt(3) as it is (its own -S check
        // of yescrypt salts rejects every length).
        var output = await tools.CaptureAsync(
            HostTools.Mkpasswd,
            c =>
                c.WithArguments(["--method=yescrypt", "--stdin", "--salt=" + Scheme + salt])
                    .WithStandardInputPipe(PipeSource.FromString(password + "\n"))
        );
        var hash = output.Trim();
        return hash.StartsWith(Scheme + salt + "$", StringComparison.Ordinal)
            ? hash
            : throw new InvalidOperationException(
                $"mkpasswd printed '{hash}', not a yescrypt hash with salt {salt}."
            );
    }

    /// <summary>Puts <paramref name="hash"/> in root's line of the tree's <c>/etc/shadow</c>.</summary>
    public static async Task SetAsync(RootTree tree, string hash, long epoch)
    {
        var shadow =
            tree["etc/shadow"]
            ?? throw new InvalidOperationException("The base root has no /etc/shadow.");
        string text;
        using (var stream = shadow.Content!.Open())
        using (var reader = new StreamReader(stream))
        {
            text = await reader.ReadToEndAsync();
        }
        var lines = text.Split('\n')
            .Select(line =>
            {
                var fields = line.Split(':');
                return fields.Length > 2 && fields[0] == "root"
                    ? string.Join(':', [fields[0], hash, .. fields[2..]])
                    : line;
            });
        tree.Set(
            shadow with
            {
                Content = new InlineBytes(Encoding.UTF8.GetBytes(string.Join('\n', lines))),
                MTime = epoch,
            }
        );
    }
}
