using System.Text;
using XenDemoCD.Iso9660.Format;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// A directory's records with their identifiers, in the order ECMA-119 (9.3) sorts them: the
/// primary tree's 8.3-style names (<see cref="IsoNames"/>) by name, then extension; Joliet's
/// UCS-2 names (<see cref="JolietNames"/>) by their bytes.
/// </summary>
internal static class DirectoryRecords
{
    public static List<RecordPlan> Named(List<TreeEntry> children, bool joliet)
    {
        var records = joliet ? JolietRecords(children) : PrimaryRecords(children);
        records.Sort((a, b) => Compare(a.Identifier, b.Identifier, joliet));
        return records;
    }

    private static int Compare(byte[] a, byte[] b, bool joliet) =>
        joliet
            ? a.AsSpan().SequenceCompareTo(b)
            : IsoNames.Compare(SplitIdentifier(a), SplitIdentifier(b));

    private static (string, string) SplitIdentifier(byte[] identifier)
    {
        var text = Encoding.ASCII.GetString(identifier);
        var semicolon = text.IndexOf(';');
        if (semicolon >= 0)
        {
            text = text[..semicolon];
        }
        var dot = text.IndexOf('.');
        return dot >= 0 ? (text[..dot], text[(dot + 1)..]) : (text, "");
    }

    private static List<RecordPlan> PrimaryRecords(List<TreeEntry> children)
    {
        var names = IsoNames.Assign(children.Select(c => (c.Name, c is TreeDirectory)).ToList());
        return children
            .Select(
                (c, i) =>
                    new RecordPlan(
                        c,
                        IsoNames.Identifier(names[i].Name, names[i].Extension, c is TreeDirectory)
                    )
            )
            .ToList();
    }

    private static List<RecordPlan> JolietRecords(List<TreeEntry> children)
    {
        var names = JolietNames.Assign(children.Select(c => c.Name).ToList());
        return children
            .Select((c, i) => new RecordPlan(c, JolietNames.Identifier(names[i])))
            .ToList();
    }
}
