using XenDemoCD.Iso9660.Format;
using XenDemoCD.Iso9660.Posix;
using XenDemoCD.Posix;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// The Rock Ridge (RRIP 1.12) entries of one directory record: PX (mode, links, owner, serial),
/// TF (times), NM (the POSIX name; not for '.' and '..'), SL (a symlink's target), PN (a
/// device's numbers) and ZF (zisofs), before they are fitted into the record and CE areas.
/// </summary>
internal sealed class RockRidgePlanning(IsoImageOptions options, VisibleTree view, DataItems data)
{
    /// <summary>The entries describing <paramref name="entry"/>; <paramref name="named"/> is false for '.' and '..'.</summary>
    public List<byte[]> EntriesOf(TreeEntry entry, bool named)
    {
        var entries = new List<byte[]>(6);
        uint links = 1;
        uint serial;
        switch (entry)
        {
            case TreeDirectory directory:
                links = 2 + (uint)view.Children(directory).Count(c => c is TreeDirectory);
                serial = data.SerialOf(directory);
                break;
            case TreeFile file:
                var item = data.Of(file);
                links = Math.Max(item.Links, 1);
                serial = data.Register(item).Serial;
                break;
            default:
                serial = data.SerialOf(entry);
                break;
        }
        var mode =
            PosixModeBits.TypeBits(entry.Kind)
            | (entry.Metadata.Permissions & PosixModeBits.PermissionMask);
        entries.Add(
            RockRidgeEntries.Px(mode, links, entry.Metadata.Uid, entry.Metadata.Gid, serial)
        );
        var (modify, access, change) = EntryTimes.Of(entry, options);
        entries.Add(RockRidgeEntries.Tf(modify, access, change));
        if (named)
        {
            entries.AddRange(RockRidgeEntries.Nm(entry.Name));
        }
        switch (entry)
        {
            case TreeSymlink link:
                entries.AddRange(RockRidgeEntries.Sl(link.Target));
                break;
            case TreeSpecial { Kind: EntryKind.CharacterDevice or EntryKind.BlockDevice } device:
                entries.Add(RockRidgeEntries.Pn(DeviceNumber.Encode(device.Major, device.Minor)));
                break;
            case TreeFile file when named:
                // ZF's place is reserved now; ZisofsPlanning learns the compressed size later.
                if (data.Of(file).Transform == DataTransform.Zisofs)
                {
                    entries.Add(
                        RockRidgeEntries.Zf(
                            options.ZisofsBlockSizeLog2,
                            (uint)data.Of(file).SourceLength
                        )
                    );
                }
                break;
        }
        return entries;
    }
}
