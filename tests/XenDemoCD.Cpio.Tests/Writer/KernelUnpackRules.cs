using System.Globalization;
using System.Text;

namespace XenDemoCD.Cpio.Tests.Writer;

/// <summary>
/// How the Linux kernel unpacks an initramfs (init/initramfs.c, 6.1), re-done independently of
/// our reader so that the writer is checked against the kernel's arithmetic rather than our own:
/// headers at 4-byte boundaries counted from the archive's start, the name read as
/// N_ALIGN(namesize) bytes, a symbolic link's target right after, the data padded to 4, an entry
/// that is neither a regular file nor empty skipped unread, hard links found by (dev, ino, mode)
/// when nlink ≥ 2, "TRAILER!!!" ending the archive and zero bytes between archives eaten.
/// </summary>
public static class KernelUnpackRules
{
    public sealed record Node(
        string Type,
        uint Mode,
        uint Uid,
        uint Gid,
        byte[] Data,
        string? Target,
        uint RMajor,
        uint RMinor,
        uint MTime
    );

    private static long NAlign(long length) => ((length + 1) & ~3L) + 2;

    public static Dictionary<string, Node> Unpack(byte[] archive)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var links = new Dictionary<(uint, uint, uint, uint), string>();
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        long position = 0;
        while (position < archive.Length)
        {
            if (archive[position] == 0)
            {
                // do_eat: padding between concatenated archives, in 4-byte steps.
                position += 4;
                continue;
            }
            var header = Encoding.ASCII.GetString(archive, (int)position, 110);
            if (header[..6] is not ("070701" or "070702"))
            {
                throw new InvalidDataException($"no cpio magic at {position} ('{header[..6]}')");
            }
            uint Field(int i) =>
                uint.Parse(
                    header.AsSpan(6 + 8 * i, 8),
                    NumberStyles.HexNumber,
                    CultureInfo.InvariantCulture
                );
            var (ino, mode, uid, gid, nlink, mtime, bodyLength) = (
                Field(0),
                Field(1),
                Field(2),
                Field(3),
                Field(4),
                Field(5),
                Field(6)
            );
            var (major, minor, rmajor, rminor, nameLength) = (
                Field(7),
                Field(8),
                Field(9),
                Field(10),
                Field(11)
            );
            var start = position + 110;
            var next = (position + 110 + NAlign(nameLength) + bodyLength + 3) & ~3L;
            if (nameLength is <= 0 or > 4096)
            {
                position = next;
                continue;
            }
            var name = Encoding.UTF8.GetString(archive, (int)start, (int)nameLength - 1);
            if (archive[start + nameLength - 1] != 0)
            {
                throw new InvalidDataException(
                    $"name at {start} is not NUL-terminated as the kernel needs"
                );
            }
            var type = mode & 0xF000;
            if (name == "TRAILER!!!")
            {
                links.Clear();
                position = next;
                continue;
            }
            var dataStart = start + NAlign(nameLength);
            if (type == 0xA000)
            {
                var target = Encoding.UTF8.GetString(archive, (int)dataStart, (int)bodyLength);
                nodes[name] = new Node("symlink", mode & 0xFFF, uid, gid, [], target, 0, 0, mtime);
            }
            else if (type == 0x8000 || bodyLength == 0)
            {
                var data = archive[(int)dataStart..(int)(dataStart + bodyLength)];
                if (
                    type == 0x8000
                    && nlink >= 2
                    && links.TryGetValue((major, minor, ino, mode), out var first)
                )
                {
                    // The kernel links the name to the first one, then writes this entry's data
                    // into the shared file: every name of the group sees it.
                    groups[first].Add(name);
                    var shared = nodes[first] with { Data = [.. nodes[first].Data, .. data] };
                    foreach (var member in groups[first])
                    {
                        nodes[member] = shared;
                    }
                }
                else
                {
                    if (type == 0x8000 && nlink >= 2)
                    {
                        links[(major, minor, ino, mode)] = name;
                        groups[name] = [name];
                    }
                    var kind = type switch
                    {
                        0x8000 => "file",
                        0x4000 => "directory",
                        0x2000 => "char",
                        0x6000 => "block",
                        0x1000 => "fifo",
                        0xC000 => "socket",
                        _ => throw new InvalidDataException($"{name}: type {type:X}"),
                    };
                    nodes[name] = new Node(
                        kind,
                        mode & 0xFFF,
                        uid,
                        gid,
                        data,
                        null,
                        rmajor,
                        rminor,
                        mtime
                    );
                }
            }
            // else: skipped unread, as the kernel does with a non-file that has a body.
            position = next;
        }
        return nodes;
    }
}
