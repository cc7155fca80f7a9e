using XenDemoCD.Build.SecureBoot;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.SecureBoot;

public sealed class PeImageTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Reads_the_base_the_alignment_and_the_sections_of_an_efi_image()
    {
        var path = temp.Combine("tiny.efi");
        File.WriteAllBytes(path, TinyEfiImage.Bytes());

        var image = PeImage.Read(path);

        Assert.Equal(TinyEfiImage.ImageBase, image.ImageBase);
        Assert.Equal(TinyEfiImage.SectionAlignment, image.SectionAlignment);
        var text = Assert.Single(image.Sections);
        Assert.Equal(".text", text.Name);
        Assert.Equal(0x1200ul, text.End);
        Assert.False(image.IsSigned);
    }

    [Fact]
    public void Reads_headers_that_lie_beyond_the_first_four_kibibytes()
    {
        // The same headers moved to 5 KiB: only what is read first is 4 KiB, not what is read.
        var tiny = TinyEfiImage.Bytes();
        var moved = new byte[0x1400 + tiny.Length];
        tiny.AsSpan(0, 0x40).CopyTo(moved);
        BitConverter.GetBytes(0x1400).CopyTo(moved, 0x3c);
        tiny.AsSpan(0x40).CopyTo(moved.AsSpan(0x1400));
        var path = temp.Combine("moved.efi");
        File.WriteAllBytes(path, moved);

        var image = PeImage.Read(path);

        Assert.Equal(".text", Assert.Single(image.Sections).Name);
        Assert.Equal(TinyEfiImage.ImageBase, image.ImageBase);
    }

    [Fact]
    public void Refuses_a_file_that_is_not_a_pe_image_naming_it()
    {
        var path = temp.Write("vmlinux", "\u007fELF and the rest");

        var error = Assert.Throws<InvalidDataException>(() => PeImage.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("no MZ header", error.Message);
    }

    [Fact]
    public void Stamp_fixes_the_time_and_clears_the_checksum_objcopy_writes()
    {
        var path = temp.Combine("tiny.efi");
        File.WriteAllBytes(path, TinyEfiImage.Bytes());

        PeImage.Stamp(path, DateTimeOffset.FromUnixTimeSeconds(1_796_097_651));

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(1_796_097_651u, BitConverter.ToUInt32(bytes, 0x40 + 8));
        Assert.Equal(0u, BitConverter.ToUInt32(bytes, 0x40 + 24 + 64));
        // Nothing else moved.
        int[] fields = [0x48, 0x49, 0x4a, 0x4b, 0x98, 0x99, 0x9a, 0x9b];
        var before = TinyEfiImage.Bytes();
        Assert.All(
            Enumerable.Range(0, before.Length).Where(i => !fields.Contains(i)),
            i => Assert.Equal(before[i], bytes[i])
        );
    }
}
