using System.Buffers.Binary;
using System.Text;

namespace XenDemoCD.Iso9660.Tests.Robustness;

/// <summary>Builds valid small images with our writer, then damages them in targeted ways.</summary>
public static class HostileImages
{
    public static byte[] Small()
    {
        var tree = new IsoTree();
        tree.AddFile("dir/victim.txt", FileContent.FromBytes("victim\n"u8.ToArray()));
        tree.AddFile("dir/sub/inner.txt", FileContent.FromBytes("inner\n"u8.ToArray()));
        tree.AddFile("zz-escape", FileContent.FromBytes("escaped\n"u8.ToArray()));
        tree.AddSymlink("ln", "/etc");
        tree.AddFile("zipped.bin", FileContent.FromBytes(new byte[100_000])).Zisofs = true;
        tree.AddFile(
            "zipped2.bin",
            FileContent.FromBytes(
                Enumerable.Range(0, 100_000).Select(i => (byte)(i * 31 % 7)).ToArray()
            )
        ).Zisofs = true;
        var output = new MemoryStream();
        IsoWriter.Write(
            tree,
            new IsoImageOptions { Timestamp = DateTimeOffset.UnixEpoch, VolumeId = "HOSTILE" },
            output
        );
        return output.ToArray();
    }

    public static int Find(byte[] image, string text, int start = 0) =>
        image.AsSpan(start).IndexOf(Encoding.ASCII.GetBytes(text)) + start;

    /// <summary>Offset of the directory record whose ISO identifier is <paramref name="identifier"/>.</summary>
    public static int Record(byte[] image, string identifier)
    {
        // The byte before a record's identifier is its length; in a path table it is not.
        var at = Find(image, identifier, 18 * 2048);
        while (at >= 18 * 2048 && (image[at - 1] != identifier.Length || image[at - 33] < 34))
        {
            var next = image.AsSpan(at + 1).IndexOf(Encoding.ASCII.GetBytes(identifier));
            at = next < 0 ? -1 : at + 1 + next;
        }
        return at >= 18 * 2048 ? at - 33 : throw new ArgumentException($"no record {identifier}");
    }

    public static void SetExtent(byte[] image, int record, uint lba)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(record + 2), lba);
        BinaryPrimitives.WriteUInt32BigEndian(image.AsSpan(record + 6), lba);
    }

    public static uint RootLba(byte[] image) =>
        BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(16 * 2048 + 156 + 2));

    /// <summary>Replaces a Rock Ridge NM name in place (same length keeps the entry valid).</summary>
    public static void RenameRockRidge(byte[] image, string from, string to)
    {
        if (from.Length != to.Length)
        {
            throw new ArgumentException("same length only");
        }
        var at = Find(image, "NM");
        while (at >= 0)
        {
            var length = image[at + 2];
            var name = Encoding.ASCII.GetString(image, at + 5, length - 5);
            if (name == from)
            {
                Encoding.ASCII.GetBytes(to).CopyTo(image, at + 5);
                return;
            }
            var next = image.AsSpan(at + 1).IndexOf("NM"u8);
            at = next < 0 ? -1 : at + 1 + next;
        }
        throw new ArgumentException($"NM {from} not found");
    }
}
