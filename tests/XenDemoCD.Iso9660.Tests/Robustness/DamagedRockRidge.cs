using System.Text;

namespace XenDemoCD.Iso9660.Tests.Robustness;

/// <summary>Images from our writer with one byte of a SUSP entry damaged, and where that byte is.</summary>
public static class DamagedRockRidge
{
    /// <summary>The NM entry naming <paramref name="name"/> claims 255 bytes, more than its area holds.</summary>
    public static (byte[] Image, int EntryOffset) NameEntryTooLong(string name)
    {
        var image = HostileImages.Small();
        var at = image
            .AsSpan()
            .IndexOf(
                (byte[])
                    [
                        (byte)'N',
                        (byte)'M',
                        (byte)(5 + name.Length),
                        1,
                        0,
                        .. Encoding.ASCII.GetBytes(name),
                    ]
            );
        Assert.True(at > 0, $"no NM entry for {name}");
        image[at + 2] = 255;
        return (image, at);
    }

    /// <summary>The root's SP entry with its first check byte (BE) zeroed.</summary>
    public static (byte[] Image, int EntryOffset) RootSpCheckByteZeroed()
    {
        var image = HostileImages.Small();
        var at = image.AsSpan().IndexOf((byte[])[(byte)'S', (byte)'P', 7, 1, 0xBE, 0xEF]);
        Assert.True(at > 0, "no SP entry");
        image[at + 4] = 0;
        return (image, at);
    }
}
