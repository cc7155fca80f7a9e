using System.Text;
using XenDemoCD.Cpio.Tests.Support;

namespace XenDemoCD.Cpio.Tests.Reader;

/// <summary>
/// Broken archives: each is refused with a <see cref="CpioFormatException"/> that names the
/// structure and the byte offset, never another exception, a hang or a huge allocation.
/// </summary>
public sealed class MalformedInputTests
{
    private static byte[] Small()
    {
        var archive = new CpioArchiveBuilder()
            .AddDirectory("etc")
            .AddFile(
                "etc/hosts",
                CpioContent.FromText("127.0.0.1 localhost\n"),
                SampleArchive.Mode("644")
            )
            .AddSymbolicLink("sh", "bin/busybox");
        return SampleArchive.Bytes(archive);
    }

    private static CpioFormatException Refused(byte[] bytes, bool seekable = true)
    {
        Stream stream = new MemoryStream(bytes);
        if (!seekable)
        {
            stream = new BufferedStream(new NonSeekable(stream));
        }
        return Assert.Throws<CpioFormatException>(() => new CpioReader(stream).ReadAll().ToList());
    }

    /// <summary>Replaces the 8-digit field <paramref name="field"/> of the header at <paramref name="header"/>.</summary>
    private static byte[] WithField(byte[] bytes, long header, int field, string value)
    {
        var copy = (byte[])bytes.Clone();
        Encoding.ASCII.GetBytes(value).CopyTo(copy, header + 6 + 8 * field);
        return copy;
    }

    private static long OffsetOf(byte[] bytes, string name) =>
        new CpioReader(new MemoryStream(bytes))
            .ReadAll()
            .Single(e => e.Entry.Name == name)
            .Entry.Offset;

    [Fact]
    public void An_empty_stream_is_not_an_archive()
    {
        var error = Refused([]);
        Assert.Equal(0, error.Offset);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Cut_anywhere_the_archive_is_reported_as_truncated_at_or_before_the_cut()
    {
        var bytes = Small();
        for (var length = 1; length < bytes.Length; length++)
        {
            var error = Refused(bytes[..length]);
            Assert.InRange(error.Offset, 0, length);
            Assert.Contains("truncated", error.Message);
        }
    }

    [Fact]
    public void A_bad_magic_is_named_with_its_offset()
    {
        var bytes = Small();
        var second = OffsetOf(bytes, "etc/hosts");
        Encoding.ASCII.GetBytes("123456").CopyTo(bytes, second);
        var error = Refused(bytes);
        Assert.Equal(second, error.Offset);
        Assert.Contains("magic is '123456', not 070701", error.Message);
    }

    [Fact]
    public void The_old_portable_format_is_told_apart()
    {
        var error = Refused(Encoding.ASCII.GetBytes("070707" + new string('0', 200)));
        Assert.Contains("only newc is read", error.Message);
    }

    [Fact]
    public void A_field_that_is_not_hex_names_the_field_and_its_offset()
    {
        var bytes = Small();
        var header = OffsetOf(bytes, "etc/hosts");
        var error = Refused(WithField(bytes, header, 6, "00000G00"));
        Assert.Equal(header + 6 + 8 * 6, error.Offset);
        Assert.Contains("c_filesize", error.Message);
        Assert.Contains($"byte offset {header + 54}", error.Message);
    }

    [Theory]
    [InlineData("00000000")]
    [InlineData("00000001")]
    [InlineData("FFFFFFFF")]
    [InlineData("00001001")]
    public void A_name_size_that_no_name_has_is_refused_before_reading(string size)
    {
        var bytes = Small();
        var error = Refused(WithField(bytes, 0, 11, size));
        Assert.Equal(6 + 8 * 11, error.Offset);
        Assert.Contains("c_namesize", error.Message);
    }

    [Fact]
    public void A_name_without_its_NUL_is_refused()
    {
        var bytes = Small();
        // "etc" has namesize 4; claim 3, so the NUL is not where the size says.
        var error = Refused(WithField(bytes, 0, 11, "00000003"));
        Assert.Contains("ending in one NUL", error.Message);
    }

    [Fact]
    public void An_absurd_file_size_is_refused_at_the_header_when_the_length_is_known_and_as_truncated_otherwise()
    {
        var bytes = Small();
        var header = OffsetOf(bytes, "etc/hosts");
        var huge = WithField(bytes, header, 6, "FFFFFFF0");
        var known = Refused(huge);
        Assert.Equal(header + 54, known.Offset);
        Assert.Contains("only", known.Message);
        var streamed = Refused(huge, seekable: false);
        Assert.Contains("truncated", streamed.Message);
        Assert.Contains("etc/hosts", streamed.Message);
    }

    [Theory]
    [InlineData("sh", "00000000", "symbolic link")]
    [InlineData("sh", "00002000", "symbolic link")]
    [InlineData("etc", "00000004", "bytes of data for a Directory")]
    public void Sizes_impossible_for_the_kind_are_refused(string name, string size, string message)
    {
        var bytes = Small();
        var error = Refused(WithField(bytes, OffsetOf(bytes, name), 6, size));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("00000000")]
    [InlineData("0000F1ED")]
    [InlineData("0000E1ED")]
    public void A_mode_with_no_unix_file_type_is_refused(string mode)
    {
        var bytes = Small();
        var error = Refused(WithField(bytes, 0, 1, mode));
        Assert.Equal(6 + 8, error.Offset);
        Assert.Contains("no Unix file type", error.Message);
    }

    [Fact]
    public void An_archive_without_its_trailer_is_truncated()
    {
        var bytes = Small();
        var error = Refused(
            bytes[..(int)OffsetOf(bytes, "sh")]
                .Concat(bytes[(int)OffsetOf(bytes, "sh")..^124])
                .ToArray()
        );
        Assert.Contains("TRAILER!!!", error.Message);
    }

    [Fact]
    public void Random_damage_gives_an_archive_or_a_format_error_and_nothing_else()
    {
        var original = Small();
        var random = new Random(20031001);
        for (var round = 0; round < 3000; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)"0123456789ABCDEF"[random.Next(16)],
                    _ => (byte)'F',
                };
            }
            try
            {
                _ = new CpioReader(new MemoryStream(bytes)).ReadAll().Count();
            }
            catch (CpioFormatException e)
            {
                Assert.InRange(e.Offset, 0, bytes.Length);
            }
        }
    }

    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            inner.Read(buffer, offset, count);

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) =>
            throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException();
    }
}
