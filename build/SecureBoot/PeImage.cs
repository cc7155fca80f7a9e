using System.Buffers.Binary;

namespace XenDemoCD.Build.SecureBoot;

/// <summary>
/// One section of a <see cref="PeImage"/>: its name, address relative to the image base, size in
/// memory, its flags (IMAGE_SCN_*), and where in the file its header lies.
/// </summary>
public sealed record PeSection(
    string Name,
    uint VirtualAddress,
    uint VirtualSize,
    uint Characteristics = 0,
    int HeaderOffset = 0
)
{
    /// <summary>IMAGE_SCN_MEM_DISCARDABLE: a loader need not copy the section into memory.</summary>
    public const uint Discardable = 0x0200_0000;

    public ulong End => (ulong)VirtualAddress + VirtualSize;
}

/// <summary>
/// What the Secure Boot stage needs to know of a PE32+ image (an EFI application): its
/// sections, where the image is based and how sections align (to place a unified Xen's added
/// sections after Xen's own), and whether it carries an Authenticode signature already (the
/// certificate table, data directory 4).
/// </summary>
public sealed record PeImage(
    ulong ImageBase,
    uint SectionAlignment,
    IReadOnlyList<PeSection> Sections,
    bool IsSigned
)
{
    private const ushort Pe32PlusMagic = 0x20b;

    /// <summary>
    /// Gives the image made by objcopy fixed bytes: objcopy writes the current time into the PE
    /// header's TimeDateStamp (binutils ignores SOURCE_DATE_EPOCH there) and a checksum of the
    /// whole file. The stamp becomes <paramref name="time"/> and the checksum 0, which loaders do
    /// not check for EFI applications (the signature, which covers neither, is what counts).
    /// </summary>
    public static void Stamp(string path, DateTimeOffset time)
    {
        Read(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        Span<byte> word = stackalloc byte[4];
        file.Position = 0x3c;
        file.ReadExactly(word);
        var pe = BinaryPrimitives.ReadUInt32LittleEndian(word);
        WriteWord(file, pe + 8, (uint)time.ToUnixTimeSeconds());
        WriteWord(file, pe + 24 + 64, 0);
    }

    /// <summary>Writes <paramref name="value"/> little-endian at <paramref name="position"/>.</summary>
    private static void WriteWord(FileStream file, long position, uint value)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, value);
        file.Position = position;
        file.Write(word);
    }

    /// <summary>
    /// Clears the discardable flag of <paramref name="section"/>, so that every loader copies it
    /// into memory. Returns whether it was set. Before signing: the flag is in the signed headers.
    /// </summary>
    public static bool KeepLoaded(string path, string section)
    {
        var header =
            Read(path).Sections.FirstOrDefault(s => s.Name == section)
            ?? throw new InvalidDataException($"{path} has no {section} section");
        if ((header.Characteristics & PeSection.Discardable) == 0)
        {
            return false;
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        WriteWord(file, header.HeaderOffset + 36, header.Characteristics & ~PeSection.Discardable);
        return true;
    }

    /// <summary>Reads the headers of <paramref name="path"/>; a file that is not a PE32+ image is refused naming it.</summary>
    public static PeImage Read(string path)
    {
        // The headers only, not the whole file (xen.efi with its debug sections is 29 MB, and
        // every signing reads an image's headers twice): the first 4 KiB, more where the section
        // table lies beyond. Where the file itself ends first, the checks below say so.
        using var file = File.OpenRead(path);
        var bytes = Head(file, 4096);
        void Cover(int end)
        {
            if (end > bytes.Length && bytes.Length < file.Length)
            {
                bytes = Head(file, end);
            }
        }
        string Problem(string what) => $"{path} is not a 64-bit EFI image (PE32+): {what}";
        if (bytes.Length < 0x40 || bytes[0] != 'M' || bytes[1] != 'Z')
        {
            throw new InvalidDataException(Problem("no MZ header"));
        }
        var pe = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x3c));
        if (pe >= 0)
        {
            Cover(pe + 24);
        }
        if (
            pe < 0
            || pe + 24 > bytes.Length
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(pe)) != 0x4550
        )
        {
            throw new InvalidDataException(Problem("no PE signature"));
        }
        var sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(pe + 6));
        var optionalSize = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(pe + 20));
        var optional = pe + 24;
        Cover(optional + optionalSize + 40 * sectionCount);
        if (optional + optionalSize > bytes.Length || optionalSize < 112 + 8 * 5)
        {
            throw new InvalidDataException(Problem("its optional header is cut short"));
        }
        if (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(optional)) != Pe32PlusMagic)
        {
            throw new InvalidDataException(Problem("a 32-bit image"));
        }
        var imageBase = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(optional + 24));
        var alignment = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(optional + 32));
        // Data directories start at 112 in PE32+; the fifth (index 4) is the certificate table.
        var certificateTableSize = BinaryPrimitives.ReadUInt32LittleEndian(
            bytes.AsSpan(optional + 112 + 4 * 8 + 4)
        );
        var sections = new List<PeSection>();
        var table = optional + optionalSize;
        for (var i = 0; i < sectionCount; i++)
        {
            var entry = table + 40 * i;
            if (entry + 40 > bytes.Length)
            {
                throw new InvalidDataException(Problem("its section table is cut short"));
            }
            var name = System.Text.Encoding.ASCII.GetString(bytes, entry, 8).TrimEnd('\0');
            sections.Add(
                new PeSection(
                    name,
                    BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(entry + 12)),
                    BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(entry + 8)),
                    BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(entry + 36)),
                    entry
                )
            );
        }
        return new PeImage(imageBase, alignment, sections, certificateTableSize != 0);
    }

    /// <summary>The first <paramref name="count"/> bytes of <paramref name="file"/>, or all of a shorter one.</summary>
    private static byte[] Head(FileStream file, int count)
    {
        var bytes = new byte[(int)Math.Min(count, file.Length)];
        file.Position = 0;
        file.ReadExactly(bytes);
        return bytes;
    }
}
