using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.SecureBoot;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.SecureBoot;

public sealed class SigningKeyTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_demo_key_is_made_once_private_to_its_owner_and_reused()
    {
        var first = SigningKey.Demo(temp.Combine("cache", "secureboot"));
        var second = SigningKey.Demo(temp.Combine("cache", "secureboot"));

        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal(SigningKey.DemoSubject, first.Certificate.Subject);
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(first.KeyFile)
        );
        // Code signing, as shim's and the firmware's verifiers accept.
        var usage = first.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Contains(usage.EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.3");
        Assert.Empty(Directory.GetFiles(temp.Combine("cache", "secureboot"), "*.partial"));
    }

    [Fact]
    public void A_users_key_and_its_certificate_are_accepted()
    {
        var (key, certificate) = WritePair("user", 2048);

        var loaded = SigningKey.Load(key, certificate);

        Assert.Equal("CN=user", loaded.Certificate.Subject);
    }

    [Fact]
    public void A_certificate_of_another_key_is_refused_naming_both_files()
    {
        var (key, _) = WritePair("one", 2048);
        var (_, other) = WritePair("two", 2048);

        var error = Assert.Throws<InputFileException>(() => SigningKey.Load(key, other));

        Assert.Equal(other, error.File);
        Assert.Contains("not for the key " + key, error.Message);
    }

    [Fact]
    public void An_encrypted_key_is_refused_with_the_command_that_decrypts_it()
    {
        var (key, certificate) = WritePair("locked", 2048);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(key));
        File.WriteAllText(
            key,
            rsa.ExportEncryptedPkcs8PrivateKeyPem(
                "snakeoil",
                new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)
            )
        );

        var error = Assert.Throws<InputFileException>(() => SigningKey.Load(key, certificate));

        Assert.Contains("encrypted", error.Message);
        Assert.Contains("openssl pkey -in " + key, error.Message);
    }

    [Fact]
    public void A_key_too_small_for_secure_boot_is_refused()
    {
        var (key, certificate) = WritePair("small", 1024);

        var error = Assert.Throws<InputFileException>(() => SigningKey.Load(key, certificate));

        Assert.Contains("1024 bits", error.Message);
    }

    [Fact]
    public void A_missing_file_says_how_to_fall_back_to_the_demo_key()
    {
        var (key, _) = WritePair("lonely", 2048);

        var error = Assert.Throws<InputFileException>(() =>
            SigningKey.Load(key, temp.Combine("nowhere.crt"))
        );

        Assert.Contains("does not exist", error.Message);
        Assert.Contains("demo key", error.Message);
    }

    [Fact]
    public void A_certificate_in_der_is_refused_with_the_conversion()
    {
        var (key, certificate) = WritePair("der", 2048);
        File.WriteAllBytes(
            certificate,
            X509Certificate2.CreateFromPem(File.ReadAllText(certificate)).RawData
        );

        var error = Assert.Throws<InputFileException>(() => SigningKey.Load(key, certificate));

        Assert.Contains("openssl x509 -inform DER", error.Message);
    }

    private (string Key, string Certificate) WritePair(string name, int bits)
    {
        using var rsa = RSA.Create(bits);
        var request = new CertificateRequest(
            "CN=" + name,
            rsa,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1
        );
        using var certificate = request.CreateSelfSigned(
            DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddYears(1)
        );
        var key = temp.Write(name + ".key", rsa.ExportPkcs8PrivateKeyPem());
        var crt = temp.Write(name + ".crt", certificate.ExportCertificatePem());
        return (key, crt);
    }
}
