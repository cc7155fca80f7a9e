using System.Text;
using XenDemoCD.Cpio.Format;
using XenDemoCD.Cpio.Reader;

namespace XenDemoCD.Cpio;

/// <summary>
/// Reads a newc archive front to back from any stream (a GZipStream will do), one entry at a
/// time, like <c>System.Formats.Tar.TarReader</c>. Strict: a bad magic, a non-hex field, an
/// unknown file type, an impossible size or an archive that ends early throws a
/// <see cref="CpioFormatException"/> naming the offset; reaching TRAILER!!! ends the archive.
/// </summary>
public sealed class CpioReader(Stream archive)
{
    private readonly byte[] header = new byte[NewcLayout.HeaderLength];
    private EntryDataStream? current;
    private bool finished;

    /// <summary>Bytes consumed so far: the offset of the next thing to be read.</summary>
    public long Position { get; private set; }

    /// <summary>The next entry, or null after the trailer.</summary>
    public CpioEntry? GetNextEntry()
    {
        if (finished)
        {
            return null;
        }
        SkipRestOfCurrent();
        var offset = Position;
        ReadExactly(header, "header", offset);
        var fields = NewcHeader.Read(header, offset);
        var name = ReadName(fields[NewcLayout.NameSize], offset);
        var size = fields[NewcLayout.FileSize];
        if (name == NewcLayout.TrailerName)
        {
            finished = true;
            return null;
        }
        var kind = KindOf(fields[NewcLayout.Mode], name, offset);
        CheckSize(kind, size, name, offset);
        string? target = null;
        if (kind == CpioEntryKind.SymbolicLink)
        {
            var bytes = new byte[size];
            ReadExactly(bytes, $"link target of '{name}'", Position);
            target = Encoding.UTF8.GetString(bytes);
            SkipPadding();
        }
        var entry = new CpioEntry
        {
            Name = name,
            Kind = kind,
            Permissions = (UnixFileMode)(fields[NewcLayout.Mode] & NewcLayout.PermissionMask),
            Inode = fields[NewcLayout.Inode],
            Uid = fields[NewcLayout.Uid],
            Gid = fields[NewcLayout.Gid],
            LinkCount = fields[NewcLayout.LinkCount],
            ModificationTime = DateTimeOffset.FromUnixTimeSeconds(
                fields[NewcLayout.ModificationTime]
            ),
            Size = size,
            DevMajor = fields[NewcLayout.DevMajor],
            DevMinor = fields[NewcLayout.DevMinor],
            RDevMajor = fields[NewcLayout.RDevMajor],
            RDevMinor = fields[NewcLayout.RDevMinor],
            Offset = offset,
            LinkTarget = target,
        };
        if (kind == CpioEntryKind.RegularFile)
        {
            current = new EntryDataStream(this, name, size);
            entry.DataStream = current;
        }
        return entry;
    }

    /// <summary>Every entry, with each regular file's data read into memory (for tests and small archives).</summary>
    public IEnumerable<(CpioEntry Entry, byte[] Data)> ReadAll()
    {
        while (GetNextEntry() is { } entry)
        {
            var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            yield return (entry, data.ToArray());
        }
    }

    internal int ReadSome(Span<byte> buffer)
    {
        var got = archive.Read(buffer);
        Position += got;
        return got;
    }

    private string ReadName(uint nameSize, long offset)
    {
        if (nameSize is < 2 or > NewcLayout.MaxNameSize)
        {
            throw new CpioFormatException(
                "header field c_namesize",
                offset + NewcLayout.FieldOffset(NewcLayout.NameSize),
                $"{nameSize} is not a name length (2 to {NewcLayout.MaxNameSize} bytes with the NUL)"
            );
        }
        var bytes = new byte[nameSize];
        ReadExactly(bytes, "name", Position);
        if (bytes[^1] != 0 || Array.IndexOf(bytes, (byte)0) != bytes.Length - 1)
        {
            throw new CpioFormatException(
                "name",
                offset + NewcLayout.HeaderLength,
                $"the {nameSize} bytes c_namesize gives are not a name ending in one NUL"
            );
        }
        SkipPadding();
        return Encoding.UTF8.GetString(bytes, 0, bytes.Length - 1);
    }

    private static CpioEntryKind KindOf(uint mode, string name, long offset)
    {
        var kind = (CpioEntryKind)(mode & NewcLayout.TypeMask);
        return Enum.IsDefined(kind)
            ? kind
            : throw new CpioFormatException(
                $"header of '{name}'",
                offset + NewcLayout.FieldOffset(NewcLayout.Mode),
                $"c_mode {mode:X8} has file type {mode & NewcLayout.TypeMask:X4}, which is no Unix file type"
            );
    }

    private void CheckSize(CpioEntryKind kind, uint size, string name, long offset)
    {
        var sizeOffset = offset + NewcLayout.FieldOffset(NewcLayout.FileSize);
        var problem = kind switch
        {
            CpioEntryKind.SymbolicLink when size is 0 or > NewcLayout.MaxNameSize =>
                $"a symbolic link's target of {size} bytes (1 to {NewcLayout.MaxNameSize})",
            CpioEntryKind.Directory
            or CpioEntryKind.CharacterDevice
            or CpioEntryKind.BlockDevice
            or CpioEntryKind.Fifo
            or CpioEntryKind.Socket when size != 0 => $"{size} bytes of data for a {kind}",
            _ when archive.CanSeek && size > archive.Length - archive.Position =>
                $"{size} bytes of data, but only {archive.Length - archive.Position} remain in the archive (truncated, or a damaged size)",
            _ => null,
        };
        if (problem is not null)
        {
            throw new CpioFormatException($"header of '{name}'", sizeOffset, problem);
        }
    }

    private void SkipRestOfCurrent()
    {
        if (current is null)
        {
            return;
        }
        var buffer = new byte[81920];
        while (current.Remaining > 0)
        {
            _ = current.Read(buffer.AsSpan(0, (int)Math.Min(buffer.Length, current.Remaining)));
        }
        current = null;
        SkipPadding();
    }

    private void SkipPadding()
    {
        Span<byte> padding = stackalloc byte[NewcLayout.Alignment];
        var count = NewcLayout.PaddingAfter(Position);
        ReadExactly(padding[..count], "padding", Position);
    }

    private void ReadExactly(Span<byte> buffer, string structure, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var got = ReadSome(buffer[total..]);
            if (got == 0)
            {
                throw new CpioFormatException(
                    structure,
                    offset,
                    Position == 0
                        ? "the archive is empty"
                        : $"the archive ends after {total} of its {buffer.Length} bytes (truncated; a cpio archive ends with a {NewcLayout.TrailerName} entry)"
                );
            }
            total += got;
        }
    }
}
