using System.Text;
using XenDemoCD.Cpio.Format;

namespace XenDemoCD.Cpio.Writer;

/// <summary>Streams planned entries as newc records, then the trailer; tracks the position for padding.</summary>
internal sealed class NewcWriter(Stream output, DateTimeOffset modificationTime)
{
    private static readonly byte[] Zeros = new byte[NewcLayout.Alignment];
    private readonly byte[] header = new byte[NewcLayout.HeaderLength];
    private readonly uint mtime = ToSeconds(modificationTime);
    private long position;

    public long Write(IReadOnlyList<PlannedEntry> entries)
    {
        foreach (var entry in entries)
        {
            var metadata = entry.Metadata;
            WriteHeader(
                NewcHeader.Create(
                    entry.Inode,
                    (uint)entry.Node.Kind | (uint)metadata.Permissions,
                    metadata.Uid,
                    metadata.Gid,
                    entry.LinkCount,
                    mtime,
                    entry.Size,
                    metadata.RDevMajor,
                    metadata.RDevMinor,
                    0
                ),
                entry.Node.Path
            );
            if (entry.Data is { } data)
            {
                CopyData(entry.Node.Path, data);
            }
            else if (entry.LinkTarget is { } target)
            {
                Emit(target);
            }
            Pad();
        }
        WriteHeader(NewcHeader.Create(0, 0, 0, 0, 1, 0, 0, 0, 0, 0), NewcLayout.TrailerName);
        output.Flush();
        return position;
    }

    private void WriteHeader(NewcHeader fields, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        fields.Fields[NewcLayout.NameSize] = (uint)nameBytes.Length;
        fields.Write(header);
        Emit(header);
        Emit(nameBytes);
        Pad();
    }

    private void CopyData(string path, CpioContent content)
    {
        using var source = content.Open();
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            copied += read;
            if (copied > content.Length)
            {
                break;
            }
            Emit(buffer.AsSpan(0, read));
        }
        if (copied != content.Length)
        {
            var delivered =
                copied > content.Length
                    ? $"more than the {content.Length} bytes declared"
                    : $"only {copied} bytes, but {content.Length} were declared";
            throw new InvalidOperationException(
                $"'{path}': {content.Description} gave {delivered} (did the file change while the archive was written?)"
            );
        }
    }

    private void Pad() => Emit(Zeros.AsSpan(0, NewcLayout.PaddingAfter(position)));

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        position += bytes.Length;
    }

    private static uint ToSeconds(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        return seconds is < 0 or > uint.MaxValue
            ? throw new ArgumentOutOfRangeException(
                nameof(time),
                $"{time:O} is outside what newc's c_mtime holds (1970 to 2106)"
            )
            : (uint)seconds;
    }
}
