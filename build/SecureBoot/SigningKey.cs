using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.SecureBoot;

/// <summary>
/// The key and certificate the CD's Secure Boot images are signed with: the user's
/// (<c>--signing-key</c>, <c>--signing-cert</c>, PEM files) or the build's own demo key, made once
/// and kept in the cache (never on the CD). The certificate goes on the CD for enrolment.
/// </summary>
public sealed class SigningKey
{
    /// <summary>The demo key's subject: MokManager lists enrolled keys by it.</summary>
    public const string DemoSubject = "CN=XenDemoCD demo Secure Boot key";

    private SigningKey(string keyFile, string certificateFile, X509Certificate2 certificate)
    {
        KeyFile = keyFile;
        CertificateFile = certificateFile;
        Certificate = certificate;
    }

    public string KeyFile { get; }
    public string CertificateFile { get; }
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate's SHA-256 fingerprint: what a stage's manifest records (never the key).</summary>
    public string Fingerprint => Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>
    /// Loads and checks the user's pair: both PEM, the key an unencrypted RSA key of at least
    /// 2048 bits (what shim and the firmware verify), the certificate the key's own.
    /// </summary>
    public static SigningKey Load(string keyFile, string certificateFile)
    {
        var certificate = ReadCertificate(certificateFile);
        var keyText = ReadText(keyFile, "--signing-key");
        if (keyText.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            throw new InputFileException(
                keyFile,
                "the key is encrypted, and the build signs without asking for a passphrase",
                $"give a decrypted copy: openssl pkey -in {keyFile} -out KEY.plain (keep it private)"
            );
        }
        using var key = RSA.Create();
        try
        {
            key.ImportFromPem(keyText);
        }
        catch (ArgumentException e)
        {
            throw new InputFileException(
                keyFile,
                $"not an RSA private key in PEM ({e.Message})",
                "give the PEM key ('-----BEGIN PRIVATE KEY-----' or 'RSA PRIVATE KEY') that --signing-cert certifies; UEFI verifies RSA signatures only"
            );
        }
        if (key.KeySize < 2048)
        {
            throw new InputFileException(
                keyFile,
                $"an RSA key of {key.KeySize} bits",
                "use a key of 2048 bits or more (openssl req -newkey rsa:2048 …)"
            );
        }
        using var certified = certificate.GetRSAPublicKey();
        if (
            certified is null
            || !certified
                .ExportSubjectPublicKeyInfo()
                .AsSpan()
                .SequenceEqual(key.ExportSubjectPublicKeyInfo())
        )
        {
            throw new InputFileException(
                certificateFile,
                $"the certificate ({certificate.Subject}) is not for the key {keyFile}",
                "give the certificate made for that key (openssl x509 -noout -modulus -in CRT and openssl rsa -noout -modulus -in KEY must agree)"
            );
        }
        return new SigningKey(keyFile, certificateFile, certificate);
    }

    /// <summary>
    /// The demo key's certificate fingerprint if the key exists under <paramref name="directory"/>,
    /// else null: what a manifest or a dry run may learn without making the key.
    /// </summary>
    public static string? ExistingDemoFingerprint(string directory)
    {
        var (keyFile, certificateFile) = DemoFiles(directory);
        return File.Exists(keyFile) && File.Exists(certificateFile)
            ? Load(keyFile, certificateFile).Fingerprint
            : null;
    }

    /// <summary>
    /// The build's demo key under <paramref name="directory"/> (the cache's), made the first
    /// time: RSA 2048, a self-signed code-signing certificate valid for ten years (firmware and
    /// shim do not check the dates). Both are written aside and renamed into place, the key
    /// readable by its owner only.
    /// </summary>
    public static SigningKey Demo(string directory)
    {
        var (keyFile, certificateFile) = DemoFiles(directory);
        if (!File.Exists(keyFile) || !File.Exists(certificateFile))
        {
            Directory.CreateDirectory(directory);
            using var key = RSA.Create(2048);
            var request = new CertificateRequest(
                DemoSubject,
                key,
                HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1
            );
            request.CertificateExtensions.Add(
                new X509BasicConstraintsExtension(false, false, 0, true)
            );
            request.CertificateExtensions.Add(
                new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true)
            );
            request.CertificateExtensions.Add(
                new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false)
            );
            request.CertificateExtensions.Add(
                new X509SubjectKeyIdentifierExtension(request.PublicKey, false)
            );
            var now = DateTimeOffset.UtcNow;
            using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
            // The certificate last: a key without its certificate is made again, never used.
            WriteAside(
                keyFile,
                key.ExportPkcs8PrivateKeyPem(),
                UnixFileMode.UserRead | UnixFileMode.UserWrite
            );
            WriteAside(
                certificateFile,
                certificate.ExportCertificatePem(),
                UnixFileMode.UserRead
                    | UnixFileMode.UserWrite
                    | UnixFileMode.GroupRead
                    | UnixFileMode.OtherRead
            );
        }
        return Load(keyFile, certificateFile);
    }

    /// <summary>The demo key's two files under <paramref name="directory"/>.</summary>
    private static (string Key, string Certificate) DemoFiles(string directory) =>
        (Path.Combine(directory, "xendemo-demo.key"), Path.Combine(directory, "xendemo-demo.crt"));

    private static void WriteAside(string path, string text, UnixFileMode mode)
    {
        var aside = path + ".partial";
        File.Delete(aside);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Created with the mode, so the key is never readable by others, not even briefly.
            options.UnixCreateMode = mode;
        }
        using (var stream = new FileStream(aside, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text + "\n");
        }
        File.Move(aside, path, overwrite: true);
    }

    private static string ReadText(string path, string option)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(
                path,
                "does not exist",
                $"give {option} the path of an existing PEM file, or leave both --signing-key and --signing-cert out for the build's demo key"
            );
        }
        return File.ReadAllText(path);
    }

    private static X509Certificate2 ReadCertificate(string path)
    {
        var text = ReadText(path, "--signing-cert");
        try
        {
            return X509Certificate2.CreateFromPem(text);
        }
        catch (CryptographicException e)
        {
            throw new InputFileException(
                path,
                $"not an X.509 certificate in PEM ({e.Message})",
                "give the certificate as PEM ('-----BEGIN CERTIFICATE-----'); from DER: openssl x509 -inform DER -in CRT -out CRT.pem"
            );
        }
    }
}
