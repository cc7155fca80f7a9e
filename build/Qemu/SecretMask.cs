using XenDemoCD.Build.RootFs;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// What the boot test must never keep: root's password, which it types on the serial console.
/// Every occurrence becomes <see cref="Hidden"/> in the serial logs under <c>out/boot-test</c>
/// and in what the build log quotes of them (tails, failed commands).
/// </summary>
public sealed class SecretMask
{
    public const string Hidden = "********";

    private readonly string[] secrets;

    public SecretMask(IEnumerable<string> secrets) =>
        // Longest first, so a secret inside another one cannot leave the longer one's rest.
        this.secrets = [
            .. secrets
                .Where(s => s.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .OrderByDescending(s => s.Length),
        ];

    public static SecretMask None { get; } = new([]);

    /// <summary>
    /// The mask for root's password. The default one is published in README.md, and masking
    /// it would garble every "xendemo" of the log (the host name, xendemo-install, …).
    /// </summary>
    public static SecretMask ForRootPassword(string password) =>
        password == RootPassword.Default ? None : new([password]);

    public string Apply(string text)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Hidden, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>
    /// How many characters at the end of <paramref name="text"/> could be the start of a secret
    /// that the next chunk completes: a stream holds them back until it knows.
    /// </summary>
    public int UndecidedTail(string text)
    {
        var longest = 0;
        foreach (var secret in secrets)
        {
            for (var length = Math.Min(secret.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(secret.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }
        return longest;
    }
}
