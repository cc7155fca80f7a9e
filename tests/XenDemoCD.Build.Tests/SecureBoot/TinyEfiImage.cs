using System.Buffers.Binary;

namespace XenDemoCD.Build.Tests.SecureBoot;

/// <summary>
/// The smallest PE32+ EFI application the tools accept: headers, one .text section of 512 bytes
/// (a RET), no imports. Enough for signing and header tests without building GRUB or Xen.
/// </summary>
public static class TinyEfiImage
{
    public const ulong ImageBase = 0x10000000;
    public const uint SectionAlignment = 0x1000;

    public static byte[] Bytes()
    {
        var image = new byte[0x400];
        image[0] = (byte)'M';
        image[1] = (byte)'Z';
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x3c), 0x40);
        var pe = 0x40;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(pe), 0x4550);
        var coff = pe + 4;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(coff), 0x8664);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(coff + 2), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(coff + 4), 12345); // a time stamp
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(coff + 16), 240);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(coff + 18), 0x0022);
        var optional = coff + 20;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(optional), 0x20b);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 4), 0x200); // code size
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 16), 0x1000); // entry
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 20), 0x1000); // code base
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(optional + 24), ImageBase);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 32), SectionAlignment);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 36), 0x200); // file alignment
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 56), 0x2000); // image size
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 60), 0x200); // headers size
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 64), 0xdeadbeef); // checksum
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(optional + 68), 10); // EFI application
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(optional + 108), 16); // directories
        var section = optional + 240;
        ".text"u8.CopyTo(image.AsSpan(section));
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(section + 8), 0x200);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(section + 12), 0x1000);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(section + 16), 0x200);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(section + 20), 0x200);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(section + 36), 0x60000020);
        image[0x200] = 0xc3;
        return image;
    }
}
