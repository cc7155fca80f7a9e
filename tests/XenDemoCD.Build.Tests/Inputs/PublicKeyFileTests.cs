using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Inputs;

public sealed class PublicKeyFileTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_public_key_is_accepted()
    {
        var key = temp.Write(
            "id_ed25519.pub",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@host\n"
        );

        PublicKeyFile.Check(key);
    }

    [Fact]
    public void A_private_key_given_by_mistake_is_refused_before_it_reaches_the_cd()
    {
        var key = temp.Write(
            "id_ed25519",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
        );

        var error = Assert.Throws<InputFileException>(() => PublicKeyFile.Check(key));

        Assert.StartsWith($"{key}:1: this is a private key", error.Message);
        Assert.Contains(".pub", error.Message);
    }

    [Fact]
    public void A_line_that_is_not_a_key_names_its_line()
    {
        var key = temp.Write("keys", "# mine\nssh-rsa AAAAB3Nza me\nhello world\n");

        var error = Assert.Throws<InputFileException>(() => PublicKeyFile.Check(key));

        Assert.StartsWith($"{key}:3: the line is not an OpenSSH public key", error.Message);
    }
}
