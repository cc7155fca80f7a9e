using System.Buffers.Binary;
using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Robustness;

/// <summary>Corrupt, truncated and hostile images: a clear error or a safe result, never a crash or a write outside.</summary>
public sealed class MalformedImageTests : IDisposable
{
    private readonly TempDirectory scratch = new();

    public void Dispose() => scratch.Dispose();

    private static IsoFormatException Rejects(byte[] image)
    {
        return Assert.Throws<IsoFormatException>(() =>
        {
            using var reader = IsoImage.Open(new MemoryStream(image));
            foreach (var entry in reader.Enumerate())
            {
                if (entry.Kind == EntryKind.File)
                {
                    reader.OpenRead(entry).CopyTo(Stream.Null);
                }
            }
        });
    }

    [Fact]
    public void A_truncated_image_names_the_structure_and_offset()
    {
        var image = HostileImages.Small();
        var error = Rejects(image[..(17 * 2048 + 100)]);
        Assert.Contains("byte offset", error.Message);
        Assert.True(error.Offset > 0);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void Images_cut_anywhere_in_the_data_fail_with_a_format_error(double fraction)
    {
        var image = HostileImages.Small();
        var cut = image[..(int)(image.Length * fraction)];
        var error = Rejects(cut);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_directory_that_contains_its_own_ancestor_is_refused_as_a_loop()
    {
        var image = HostileImages.Small();
        var sub = HostileImages.Record(image, "SUB");
        HostileImages.SetExtent(image, sub, HostileImages.RootLba(image));
        var error = Rejects(image);
        Assert.Contains("loop", error.Message);
    }

    [Fact]
    public void A_record_length_running_past_its_block_is_refused()
    {
        var image = HostileImages.Small();
        var record = HostileImages.Record(image, "VICTIM.TXT;1");
        image[record] = 255;
        image[record + 32] = 250; // identifier length beyond the record
        Rejects(image);
    }

    [Fact]
    public void An_absurd_directory_size_is_refused_without_allocating_it()
    {
        var image = HostileImages.Small();
        var record = HostileImages.Record(image, "DIR");
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(record + 10), 0xFFFFF000);
        var error = Rejects(image);
        Assert.Contains("plausible directory size", error.Message);
    }

    [Fact]
    public void A_continuation_area_chain_that_loops_is_cut_off()
    {
        var image = HostileImages.Small();
        // The root '.' record has a CE (for ER); point that area's successor back at itself.
        var ce = HostileImages.Find(image, "CE\x1c\x01", (int)HostileImages.RootLba(image) * 2048);
        var lba = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(ce + 4));
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(ce + 12));
        var area = (int)(lba * 2048 + offset);
        "CE\x1c\x01"u8.CopyTo(image.AsSpan(area));
        image.AsSpan(ce + 4, 24).CopyTo(image.AsSpan(area + 4));
        var error = Rejects(image);
        Assert.Contains("CE", error.Message);
    }

    [Fact]
    public void Zisofs_block_pointers_out_of_order_are_refused()
    {
        var image = HostileImages.Small();
        using (var reader = IsoImage.Open(new MemoryStream(image)))
        {
            var entry = reader.Find("/zipped2.bin")!;
            var table = (int)entry.Extents[0].Lba * 2048 + 16;
            BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(table + 4), 0xFFFFFF);
        }
        var error = Rejects(image);
        Assert.Contains("zisofs", error.Message);
    }

    [Fact]
    public void Rock_ridge_names_of_dot_dot_are_skipped_and_nothing_is_written_outside_the_target()
    {
        var image = HostileImages.Small();
        HostileImages.RenameRockRidge(image, "zz-escape", "../../xyz");
        HostileImages.RenameRockRidge(image, "victim.txt", "/tmp/abcde");
        var target = scratch["out"];
        using var reader = IsoImage.Open(new MemoryStream(image));
        var result = IsoExtractor.Extract(reader, target);
        Assert.False(File.Exists(scratch["xyz"]));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(scratch.Path)!, "xyz")));
        Assert.False(File.Exists("/tmp/abcde"));
        Assert.True(File.Exists(Path.Combine(target, "dir", "_tmp_abcde")));
        Assert.NotEmpty(result.Warnings);
        AssertEverythingInside(target);
    }

    [Fact]
    public void A_symlink_and_a_directory_of_the_same_name_never_lead_extraction_out()
    {
        var image = HostileImages.Small();
        // Rename the symlink 'ln' (-> /etc) to 'di' and the directory 'dir' to 'di'... same name, symlink first.
        HostileImages.RenameRockRidge(image, "ln", "zz");
        HostileImages.RenameRockRidge(image, "zz-escape", "zz/passwd");
        var target = scratch["out2"];
        using var reader = IsoImage.Open(new MemoryStream(image));
        IsoExtractor.Extract(reader, target);
        Assert.Equal("/etc", new FileInfo(Path.Combine(target, "zz")).LinkTarget);
        Assert.False(
            File.Exists("/etc/passwd_") && File.ReadAllText("/etc/passwd_") == "escaped\n"
        );
        AssertEverythingInside(target);
    }

    private static void AssertEverythingInside(string target)
    {
        foreach (
            var path in Directory.EnumerateFileSystemEntries(
                target,
                "*",
                new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }
            )
        )
        {
            Assert.StartsWith(target + "/", Path.GetFullPath(path));
        }
    }

    [Fact]
    public void Garbage_instead_of_volume_descriptors_is_a_clear_error()
    {
        var image = new byte[40 * 2048];
        new Random(1).NextBytes(image);
        var error = Assert.Throws<IsoFormatException>(() => IsoImage.Open(new MemoryStream(image)));
        Assert.Contains("volume descriptor", error.Message);
    }
}
