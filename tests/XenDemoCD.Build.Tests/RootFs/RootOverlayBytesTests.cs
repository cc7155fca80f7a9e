using System.Text;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.RootFs;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.RootFs;

/// <summary>
/// rootpatch/ files reach the root byte for byte unless a placeholder is filled in: an '@' alone
/// is no reason to decode a file as text.
/// </summary>
public sealed class RootOverlayBytesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static readonly Dictionary<string, string> Substitutions = new()
    {
        ["XENDEMO_VERSION"] = "1.2",
        ["XENDEMO_BUILDER"] = "Ian",
    };

    [Fact]
    public void A_latin1_file_with_an_at_sign_comes_out_byte_identical()
    {
        // "Grüße an root@xendemo\n" in ISO 8859-1: ü and ß are single bytes, not UTF-8.
        byte[] latin1 = [.. "Gr"u8, 0xFC, 0xDF, .. "e an root@xendemo\n"u8];

        Assert.Equal(latin1, Applied("etc/greeting", latin1));
    }

    [Fact]
    public void A_binary_without_nul_bytes_and_with_an_at_sign_comes_out_byte_identical()
    {
        var binary = Enumerable.Range(1, 255).Select(b => (byte)b).ToArray();
        Assert.Contains((byte)'@', binary);

        Assert.Equal(binary, Applied("usr/local/lib/blob", binary));
    }

    [Fact]
    public void A_utf8_file_has_its_placeholders_filled_in_and_its_other_characters_kept()
    {
        var text = "Grüße von @XENDEMO_BUILDER@ (root@xendemo) – CD @XENDEMO_VERSION@\n";

        Assert.Equal(
            "Grüße von Ian (root@xendemo) – CD 1.2\n",
            Encoding.UTF8.GetString(Applied("etc/issue", Encoding.UTF8.GetBytes(text)))
        );
    }

    [Fact]
    public void A_placeholder_in_a_file_that_is_not_utf8_is_an_error_naming_the_file()
    {
        byte[] latin1 = [.. "Gr"u8, 0xFC, .. "e von @XENDEMO_BUILDER@\n"u8];

        var error = Assert.Throws<InputFileException>(() => Applied("etc/issue", latin1));

        Assert.StartsWith(temp.Combine("rootpatch", "etc", "issue") + ":", error.Message);
        Assert.Contains("not valid UTF-8", error.Message);
    }

    private byte[] Applied(string path, byte[] content)
    {
        var file = temp.Combine(["rootpatch", .. path.Split('/')]);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
        var tree = SampleRoot.Create();

        new RootOverlay(
            temp.Combine("rootpatch"),
            PermissionTable.Load(temp.Combine("none")),
            Substitutions
        ).ApplyTo(tree, SampleRoot.Epoch);

        using var stream = tree[path]!.Content!.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
