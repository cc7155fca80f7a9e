using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// SUSP (IEEE P1281) areas of one directory record: the entries that fit in the record itself,
/// and continuation areas chained by CE entries for the rest.
/// </summary>
internal static class SuspAreas
{
    /// <summary>
    /// Splits entries between the record and continuation areas. Entries stay whole; an area
    /// that cannot take the rest keeps 28 bytes for the CE that chains to the next one.
    /// </summary>
    public static SuspArea Fit(
        List<byte[]> entries,
        int available,
        List<ContinuationArea> continuations
    )
    {
        var total = entries.Sum(e => e.Length);
        if (total <= available)
        {
            return new SuspArea(Concat(entries, 0, entries.Count), []);
        }
        var index = Take(entries, 0, available - RockRidgeEntries.CeLength);
        var inRecord = Concat(entries, 0, index);
        var areas = new List<ContinuationArea>();
        while (index < entries.Count)
        {
            var rest = entries.Skip(index).Sum(e => e.Length);
            var end =
                rest <= Sizes.Block
                    ? entries.Count
                    : Take(entries, index, Sizes.Block - RockRidgeEntries.CeLength);
            if (end == index)
            {
                throw new InvalidOperationException("a Rock Ridge entry is larger than a block");
            }
            var area = new ContinuationArea(
                Concat(entries, index, end),
                chained: end < entries.Count
            );
            areas.Add(area);
            continuations.Add(area);
            index = end;
        }
        return new SuspArea(inRecord, areas);
    }

    private static int Take(List<byte[]> entries, int start, int capacity)
    {
        var used = 0;
        var index = start;
        while (index < entries.Count && used + entries[index].Length <= capacity)
        {
            used += entries[index].Length;
            index++;
        }
        return index;
    }

    private static byte[] Concat(List<byte[]> entries, int start, int end)
    {
        var result = new byte[entries.Skip(start).Take(end - start).Sum(e => e.Length)];
        var offset = 0;
        for (var i = start; i < end; i++)
        {
            entries[i].CopyTo(result, offset);
            offset += entries[i].Length;
        }
        return result;
    }
}
