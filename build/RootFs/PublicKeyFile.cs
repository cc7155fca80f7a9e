using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// <c>--ssh-key</c>: the public key(s) root's authorized_keys gets. The CD is public, so a
/// private key given by mistake (the path without <c>.pub</c>) must be refused, never published.
/// </summary>
public static class PublicKeyFile
{
    // The key types OpenSSH's authorized_keys accepts (sshd(8), "AUTHORIZED_KEYS FILE FORMAT").
    private static readonly string[] KeyTypes =
    [
        "ssh-ed25519",
        "ssh-rsa",
        "ssh-dss",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    ];

    public static void Check(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(
                path,
                "no such file",
                "give --ssh-key the path of a public key, e.g. ~/.ssh/id_ed25519.pub"
            );
        }
        var number = 0;
        var keys = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                throw new InputFileException(
                    path,
                    "this is a private key, which would be published on the CD",
                    "give the public key instead (the same path with .pub)",
                    number
                );
            }
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (!line.Split(' ').Any(word => KeyTypes.Contains(word)))
            {
                throw new InputFileException(
                    path,
                    "the line is not an OpenSSH public key",
                    $"give a file of lines like 'ssh-ed25519 AAAA… comment' (types: {string.Join(", ", KeyTypes)})",
                    number
                );
            }
            keys++;
        }
        if (keys == 0)
        {
            throw new InputFileException(
                path,
                "the file holds no key",
                "give a public key file such as ~/.ssh/id_ed25519.pub"
            );
        }
    }

    /// <summary>Root's <c>~/.ssh/authorized_keys</c> in the tree: the key file as it is, mode 0600.</summary>
    public static void AuthorizeForRoot(RootTree tree, string path, long epoch)
    {
        tree.Set(RootNode.Directory("root/.ssh", epoch, (UnixFileMode)0b111_000_000));
        tree.Set(
            RootNode.File(
                "root/.ssh/authorized_keys",
                new InlineBytes(File.ReadAllBytes(path)),
                epoch,
                (UnixFileMode)0b110_000_000
            )
        );
    }
}
