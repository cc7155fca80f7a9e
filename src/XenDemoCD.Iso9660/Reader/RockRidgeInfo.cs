using System.Text;
using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Reader;

/// <summary>What the SUSP/RRIP entries of one directory record said.</summary>
internal sealed class RockRidgeInfo
{
    public bool HasSp { get; set; }
    public int SpSkip { get; set; }
    public bool HasEr { get; set; }
    public bool HasAnyRrip { get; set; }
    public uint? Mode { get; set; }
    public uint Links { get; set; }
    public uint Uid { get; set; }
    public uint Gid { get; set; }
    public uint? Serial { get; set; }
    public ulong? Device { get; set; }
    public List<byte>? NameBytes { get; set; }
    public StringBuilder? SymlinkTarget { get; set; }
    public bool SymlinkNeedsSlash { get; set; }
    public DateTimeOffset? Creation { get; set; }
    public DateTimeOffset? Modify { get; set; }
    public DateTimeOffset? Access { get; set; }
    public DateTimeOffset? Attributes { get; set; }
    public int? ZfBlockLog2 { get; set; }
    public uint ZfSize { get; set; }
    public uint? ChildLink { get; set; }
    public uint? ParentLink { get; set; }
    public bool Relocated { get; set; }

    public string? Name => NameBytes is null ? null : Encoding.UTF8.GetString(NameBytes.ToArray());
}

/// <summary>
/// Walks a System Use area and its continuation chain (SUSP 5.1 CE, 5.3 ST), decoding the
/// RRIP entries (RRIP 4.1). Every length is checked against the area it sits in, and an entry
/// that does not fit is an <see cref="IsoFormatException"/>: skipping it would silently lose
/// the modes, links and long names the rest of the area holds.
/// </summary>
internal static class SuspReader
{
    /// <param name="image">The image, for following CE entries to their continuation areas.</param>
    /// <param name="area">The System Use area of the directory record (after any SP skip bytes).</param>
    /// <param name="areaOffset">The area's absolute position in the image, in bytes, for error messages.</param>
    /// <param name="owner">The directory record the area belongs to, for error messages.</param>
    /// <param name="limits">Bounds on CE hops, name and symlink lengths.</param>
    public static RockRidgeInfo Parse(
        ImageSource image,
        ReadOnlySpan<byte> area,
        long areaOffset,
        string owner,
        ReaderLimits limits
    )
    {
        var info = new RockRidgeInfo();
        var hops = 0;
        var position = 0;
        var current = area.ToArray();
        var currentOffset = areaOffset;
        var where = $"the System Use area of {owner}";
        while (true)
        {
            (uint Lba, uint Offset, uint Length)? next = null;
            var stop = false;
            while (position < current.Length && !stop)
            {
                var at = currentOffset + position;
                if (SystemUseEntry.IsPadding(current.AsSpan(position)))
                {
                    break; // writers pad areas and records with zeros
                }
                var length = SystemUseEntry.CheckedLength(current, position, at, where);
                var body = current.AsSpan(position, length);
                switch ((char)body[0], (char)body[1])
                {
                    case ('C', 'E'):
                        SystemUseEntry.RequireLength(body, SystemUseFields.CeLength, at, where);
                        next = (
                            BothEndian.ReadUInt32(body[SystemUseFields.CeLba..]),
                            BothEndian.ReadUInt32(body[SystemUseFields.CeOffset..]),
                            BothEndian.ReadUInt32(body[SystemUseFields.CeAreaLength..])
                        );
                        break;
                    case ('S', 'T'):
                        stop = true;
                        break;
                    case ('S', 'P'):
                        SystemUseEntry.RequireLength(body, SystemUseFields.SpLength, at, where);
                        if (
                            body[SystemUseFields.SpCheck] != 0xBE
                            || body[SystemUseFields.SpCheck + 1] != 0xEF
                        )
                        {
                            throw SystemUseEntry.Damaged(
                                body,
                                at,
                                where,
                                $"check bytes are {body[SystemUseFields.SpCheck]:X2} {body[SystemUseFields.SpCheck + 1]:X2}, not BE EF"
                            );
                        }
                        info.HasSp = true;
                        info.SpSkip = body[SystemUseFields.SpSkip];
                        break;
                    case ('E', 'R'):
                        info.HasEr = true;
                        break;
                    case ('R', 'R'):
                        info.HasAnyRrip = true;
                        break;
                    case ('P', 'X'):
                        SystemUseEntry.RequireLength(
                            body,
                            SystemUseFields.PxLengthWithoutSerial,
                            at,
                            where
                        );
                        info.HasAnyRrip = true;
                        info.Mode = BothEndian.ReadUInt32(body[SystemUseFields.PxMode..]);
                        info.Links = BothEndian.ReadUInt32(body[SystemUseFields.PxLinks..]);
                        info.Uid = BothEndian.ReadUInt32(body[SystemUseFields.PxUid..]);
                        info.Gid = BothEndian.ReadUInt32(body[SystemUseFields.PxGid..]);
                        if (length >= SystemUseFields.PxLength)
                        {
                            info.Serial = BothEndian.ReadUInt32(body[SystemUseFields.PxSerial..]);
                        }
                        break;
                    case ('P', 'N'):
                        SystemUseEntry.RequireLength(body, SystemUseFields.PnLength, at, where);
                        info.HasAnyRrip = true;
                        info.Device =
                            ((ulong)BothEndian.ReadUInt32(body[SystemUseFields.PnHigh..]) << 32)
                            | BothEndian.ReadUInt32(body[SystemUseFields.PnLow..]);
                        break;
                    case ('N', 'M'):
                        SystemUseEntry.RequireLength(body, 5, at, where);
                        info.HasAnyRrip = true;
                        ReadName(info, body, at, limits);
                        break;
                    case ('S', 'L'):
                        SystemUseEntry.RequireLength(body, 5, at, where);
                        info.HasAnyRrip = true;
                        ReadSymlink(info, body, at, limits);
                        break;
                    case ('T', 'F'):
                        SystemUseEntry.RequireLength(body, 5, at, where);
                        info.HasAnyRrip = true;
                        ReadTimes(info, body);
                        break;
                    case ('Z', 'F'):
                        SystemUseEntry.RequireLength(body, SystemUseFields.ZfLength, at, where);
                        if (
                            body[SystemUseFields.ZfAlgorithm] == 'p'
                            && body[SystemUseFields.ZfAlgorithm + 1] == 'z'
                        )
                        {
                            info.ZfBlockLog2 = body[SystemUseFields.ZfBlockSizeLog2];
                            info.ZfSize = BothEndian.ReadUInt32(
                                body[SystemUseFields.ZfUncompressedSize..]
                            );
                        }
                        break;
                    case ('C', 'L'):
                        SystemUseEntry.RequireLength(body, SystemUseFields.LinkLength, at, where);
                        info.HasAnyRrip = true;
                        info.ChildLink = BothEndian.ReadUInt32(body[SystemUseFields.LinkLba..]);
                        break;
                    case ('P', 'L'):
                        SystemUseEntry.RequireLength(body, SystemUseFields.LinkLength, at, where);
                        info.ParentLink = BothEndian.ReadUInt32(body[SystemUseFields.LinkLba..]);
                        break;
                    case ('R', 'E'):
                        info.Relocated = true;
                        break;
                }
                position += length;
            }
            if (stop || next is not { } ce)
            {
                return info;
            }
            if (++hops > limits.MaxContinuationHops)
            {
                throw new IsoFormatException(
                    "SUSP continuation area",
                    currentOffset,
                    $"more than {limits.MaxContinuationHops} CE hops (a loop?)"
                );
            }
            if (ce.Offset >= Sizes.Block || ce.Length > Sizes.Block - ce.Offset)
            {
                throw new IsoFormatException(
                    "SUSP CE entry",
                    currentOffset,
                    $"continuation area offset {ce.Offset} length {ce.Length} crosses a block"
                );
            }
            currentOffset = (long)ce.Lba * Sizes.Block + ce.Offset;
            current = image.ReadBytes(currentOffset, (int)ce.Length, "SUSP continuation area");
            position = 0;
            where = $"the continuation area (CE) of {owner}";
        }
    }

    private static void ReadName(
        RockRidgeInfo info,
        ReadOnlySpan<byte> body,
        long at,
        ReaderLimits limits
    )
    {
        var flags = body[4];
        if ((flags & 0x06) != 0)
        {
            return; // "." or ".." — meaningless for a real entry; keep the ISO name
        }
        info.NameBytes ??= [];
        if (info.NameBytes.Count + body.Length - 5 > limits.MaxNameBytes)
        {
            throw new IsoFormatException(
                "Rock Ridge NM",
                at,
                $"name longer than {limits.MaxNameBytes} bytes"
            );
        }
        info.NameBytes.AddRange(body[5..].ToArray());
    }

    private static void ReadSymlink(
        RockRidgeInfo info,
        ReadOnlySpan<byte> body,
        long at,
        ReaderLimits limits
    )
    {
        var target = info.SymlinkTarget ??= new StringBuilder();
        var position = 5;
        while (position + 2 <= body.Length)
        {
            var flags = body[position];
            int length = body[position + 1];
            if (position + 2 + length > body.Length)
            {
                throw new IsoFormatException(
                    "Rock Ridge SL",
                    at + position,
                    "component runs past its entry"
                );
            }
            var text = Encoding.UTF8.GetString(body.Slice(position + 2, length));
            if ((flags & 0x08) != 0)
            {
                target.Clear();
                target.Append('/');
                info.SymlinkNeedsSlash = false;
            }
            else
            {
                if (info.SymlinkNeedsSlash)
                {
                    target.Append('/');
                }
                target.Append(
                    (flags & 0x02) != 0 ? "."
                    : (flags & 0x04) != 0 ? ".."
                    : text
                );
                info.SymlinkNeedsSlash = (flags & 0x01) == 0;
            }
            if (target.Length > limits.MaxSymlinkBytes)
            {
                throw new IsoFormatException(
                    "Rock Ridge SL",
                    at,
                    $"target longer than {limits.MaxSymlinkBytes} bytes"
                );
            }
            position += 2 + length;
        }
    }

    private static void ReadTimes(RockRidgeInfo info, ReadOnlySpan<byte> body)
    {
        var flags = body[4];
        var size = (flags & 0x80) != 0 ? IsoTimestamp.LongLength : IsoTimestamp.ShortLength;
        var position = 5;
        for (var bit = 0; bit < 7; bit++)
        {
            if ((flags & (1 << bit)) == 0)
            {
                continue;
            }
            if (position + size > body.Length)
            {
                return;
            }
            var stamp = body.Slice(position, size);
            DateTimeOffset? time =
                size == IsoTimestamp.LongLength
                    ? IsoTimestamp.ReadLong(stamp)
                    : IsoTimestamp.ReadShort(stamp);
            switch (bit)
            {
                case 0:
                    info.Creation = time;
                    break;
                case 1:
                    info.Modify = time;
                    break;
                case 2:
                    info.Access = time;
                    break;
                case 3:
                    info.Attributes = time;
                    break;
            }
            position += size;
        }
    }
}
