using System.Globalization;
using System.Text;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// Reads a Unix <c>ar</c> archive, the outer container of a Debian package (<c>debian-binary</c>,
/// <c>control.tar.*</c>, <c>data.tar.*</c>). Only the common format: 60-byte member headers,
/// data padded to an even offset, GNU-style names ending in <c>/</c> tolerated. The underlying
/// stream must be seekable; members are read as windows onto it, never copied.
/// </summary>
public sealed class ArArchive
{
    private const string GlobalHeader = "!<arch>\n";
    private const int HeaderLength = 60;
    private const int NameOffset = 0;
    private const int NameLength = 16;
    private const int SizeOffset = 48;
    private const int SizeLength = 10;
    private const int TerminatorOffset = 58;
    private const string Terminator = "`\n";

    private readonly Stream stream;
    private readonly string source;

    private ArArchive(Stream stream, string source)
    {
        this.stream = stream;
        this.source = source;
    }

    /// <summary>Checks the archive's magic; <paramref name="source"/> names it in errors.</summary>
    public static ArArchive Open(Stream stream, string source)
    {
        var magic = new byte[GlobalHeader.Length];
        stream.Position = 0;
        if (
            stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) != magic.Length
            || Encoding.ASCII.GetString(magic) != GlobalHeader
        )
        {
            throw new InvalidDataException(
                $"{source}: not an ar archive (a .deb starts with '!<arch>'); the download is damaged or not a Debian package"
            );
        }
        return new ArArchive(stream, source);
    }

    /// <summary>The members in archive order; each stream is valid until the next member is read.</summary>
    public IEnumerable<ArMember> Members()
    {
        var header = new byte[HeaderLength];
        var position = (long)GlobalHeader.Length;
        while (true)
        {
            stream.Position = position;
            var read = stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
            if (read == 0)
            {
                yield break;
            }
            if (read < HeaderLength)
            {
                throw Damaged($"a member header at offset {position} is cut short");
            }
            var member = ParseHeader(header, position);
            var dataStart = position + HeaderLength;
            if (dataStart + member.Size > stream.Length)
            {
                throw Damaged(
                    $"member '{member.Name}' claims {member.Size} bytes but the file ends first"
                );
            }
            yield return member with
            {
                Data = new IO.StreamWindow(stream, dataStart, member.Size, ownsInner: false),
            };
            // Members start at even offsets: odd-sized data is followed by one '\n' of padding.
            position = dataStart + member.Size + (member.Size % 2);
        }
    }

    private ArMember ParseHeader(ReadOnlySpan<byte> header, long position)
    {
        if (Encoding.ASCII.GetString(header.Slice(TerminatorOffset, 2)) != Terminator)
        {
            throw Damaged($"the member header at offset {position} lacks its '`\\n' terminator");
        }
        var name = Encoding.ASCII.GetString(header.Slice(NameOffset, NameLength)).TrimEnd(' ');
        if (name.EndsWith('/') && name.Length > 1)
        {
            name = name[..^1];
        }
        var sizeText = Encoding.ASCII.GetString(header.Slice(SizeOffset, SizeLength)).Trim();
        if (!long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw Damaged($"member '{name}' has no valid size ('{sizeText}')");
        }
        return new ArMember(name, size, Stream.Null);
    }

    private InvalidDataException Damaged(string problem) =>
        new($"{source}: damaged ar archive: {problem}");
}

/// <summary>One member of an <see cref="ArArchive"/>.</summary>
public sealed record ArMember(string Name, long Size, Stream Data);
