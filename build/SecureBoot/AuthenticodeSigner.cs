using System.Globalization;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.SecureBoot;

/// <summary>
/// Signs EFI images (Authenticode, SHA-256) with osslsigncode, which, unlike sbsign, takes the
/// signing time (<paramref name="time"/>, SOURCE_DATE_EPOCH), so the same image and key give the
/// same bytes. An image that carries a signature already (a kernel from an unpacked CD) is
/// unsigned first: signing it again gives the bytes of its first signing, not a second signature.
/// </summary>
public sealed class AuthenticodeSigner(ToolRunner tools, SigningKey key, DateTimeOffset time)
{
    public async Task SignAsync(string image, string output)
    {
        var input = image;
        if (PeImage.Read(image).IsSigned)
        {
            input = output + ".unsigned";
            await tools.RunAsync(
                HostTools.Osslsigncode,
                c => c.WithArguments(["remove-signature", "-in", image, "-out", input])
            );
        }
        File.Delete(output);
        await tools.RunAsync(
            HostTools.Osslsigncode,
            c =>
                c.WithArguments([
                    "sign",
                    "-h",
                    "sha256",
                    "-certs",
                    key.CertificateFile,
                    "-key",
                    key.KeyFile,
                    "-time",
                    time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    "-in",
                    input,
                    "-out",
                    output,
                ])
        );
        if (input != image)
        {
            File.Delete(input);
        }
        if (!PeImage.Read(output).IsSigned)
        {
            throw new InvalidOperationException($"osslsigncode left {output} without a signature");
        }
    }
}
