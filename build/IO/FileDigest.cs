using System.Security.Cryptography;

namespace XenDemoCD.Build.IO;

public static class FileDigest
{
    /// <summary>The file's sha256, lower-case hex, as Debian's indices and the manifests write it.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
