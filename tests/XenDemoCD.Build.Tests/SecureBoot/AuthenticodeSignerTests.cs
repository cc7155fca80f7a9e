using XenDemoCD.Build.SecureBoot;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.SecureBoot;

/// <summary>Real osslsigncode signing a tiny EFI image; sbverify checks it as shim would.</summary>
public sealed class AuthenticodeSignerTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(
        1_796_097_651
    );
    private readonly TempDirectory temp = new();
    private readonly SigningKey key;
    private readonly string image;

    public AuthenticodeSignerTests()
    {
        key = SigningKey.Demo(temp.Combine("keys"));
        image = temp.Combine("tiny.efi");
        File.WriteAllBytes(image, TinyEfiImage.Bytes());
    }

    public void Dispose() => temp.Dispose();

    private AuthenticodeSigner Signer =>
        new(new ToolRunner("test", CancellationToken.None, CancellationToken.None), key, Epoch);

    [Fact]
    public async Task A_signed_image_verifies_against_the_certificate_and_the_same_inputs_give_the_same_bytes()
    {
        await Signer.SignAsync(image, temp.Combine("first.efi"));
        // A second later: the signing time is SOURCE_DATE_EPOCH's, not the clock's.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await Signer.SignAsync(image, temp.Combine("second.efi"));

        Assert.True(PeImage.Read(temp.Combine("first.efi")).IsSigned);
        Assert.Equal(
            File.ReadAllBytes(temp.Combine("first.efi")),
            File.ReadAllBytes(temp.Combine("second.efi"))
        );
        var (exitCode, output) = await ProcessRun.RunAsync(
            "sbverify",
            ["--cert", key.CertificateFile, temp.Combine("first.efi")],
            temp.Path
        );
        Assert.True(exitCode == 0, output);
        Assert.Contains("Signature verification OK", output);
    }

    [Fact]
    public async Task Signing_a_signed_image_gives_the_bytes_of_its_first_signing()
    {
        await Signer.SignAsync(image, temp.Combine("once.efi"));
        await Signer.SignAsync(temp.Combine("once.efi"), temp.Combine("twice.efi"));

        Assert.Equal(
            File.ReadAllBytes(temp.Combine("once.efi")),
            File.ReadAllBytes(temp.Combine("twice.efi"))
        );
    }

    [Fact]
    public async Task Another_key_does_not_verify()
    {
        var other = SigningKey.Demo(temp.Combine("other-keys"));
        await Signer.SignAsync(image, temp.Combine("signed.efi"));

        var (exitCode, _) = await ProcessRun.RunAsync(
            "sbverify",
            ["--cert", other.CertificateFile, temp.Combine("signed.efi")],
            temp.Path
        );

        Assert.NotEqual(0, exitCode);
    }
}
