using System.Globalization;
using System.Text;

namespace XenDemoCD.Iso9660.Layout;

/// <summary>
/// ECMA-119 identifiers for one directory: d-characters only (A–Z 0–9 _), level 2 lengths
/// (31 for directories, 30 for NAME.EXT of files), unique within the directory. The real name
/// travels in Rock Ridge NM; these exist for readers that know nothing else.
/// </summary>
internal static class IsoNames
{
    private const int MaxDirectory = 31;
    private const int MaxFile = 30; // NAME + '.' + EXT, without ";1"
    private const int MaxExtension = 8;

    /// <summary>Sort key and identifier bytes for every child, in input order.</summary>
    public static List<(string Name, string Extension)> Assign(
        IReadOnlyList<(string Name, bool IsDirectory)> children
    )
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, string)>(children.Count);
        foreach (var (name, isDirectory) in children)
        {
            var (stem, extension) = Candidate(name, isDirectory);
            var maxStem = isDirectory ? MaxDirectory : MaxFile - 1 - extension.Length;
            var baseStem = stem;
            var key = Key(stem, extension, isDirectory);
            for (var counter = 1; !used.Add(key); counter++)
            {
                var suffix = counter.ToString(CultureInfo.InvariantCulture);
                stem = baseStem[..Math.Min(baseStem.Length, maxStem - suffix.Length)] + suffix;
                key = Key(stem, extension, isDirectory);
            }
            result.Add((stem, extension));
        }
        return result;
    }

    private static string Key(string stem, string extension, bool isDirectory) =>
        isDirectory ? stem : stem + "." + extension;

    private static (string Stem, string Extension) Candidate(string name, bool isDirectory)
    {
        if (isDirectory)
        {
            var dir = DChars(name);
            return (Truncate(dir.Length == 0 ? "_" : dir, MaxDirectory), "");
        }
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        var extension = dot > 0 ? name[(dot + 1)..] : "";
        extension = Truncate(DChars(extension), MaxExtension);
        stem = DChars(stem);
        if (stem.Length == 0)
        {
            stem = "_";
        }
        return (Truncate(stem, MaxFile - 1 - extension.Length), extension);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static string DChars(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToUpperInvariant())
        {
            builder.Append(c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ? c : '_');
        }
        return builder.ToString();
    }

    /// <summary>Identifier bytes as recorded: "NAME.EXT;1" for files, "NAME" for directories.</summary>
    public static byte[] Identifier(string stem, string extension, bool isDirectory) =>
        Encoding.ASCII.GetBytes(isDirectory ? stem : stem + "." + extension + ";1");

    /// <summary>ECMA-119 9.3 order: by name, then extension, each compared as if space padded.</summary>
    public static int Compare((string Name, string Extension) a, (string Name, string Extension) b)
    {
        var byName = ComparePadded(a.Name, b.Name);
        return byName != 0 ? byName : ComparePadded(a.Extension, b.Extension);
    }

    private static int ComparePadded(string a, string b)
    {
        var length = Math.Max(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var ca = i < a.Length ? a[i] : ' ';
            var cb = i < b.Length ? b[i] : ' ';
            if (ca != cb)
            {
                return ca.CompareTo(cb);
            }
        }
        return 0;
    }
}

/// <summary>
/// Joliet identifiers: the real name as UCS-2 big-endian, at most 64 code units, without the
/// characters Joliet forbids, unique within the directory.
/// </summary>
internal static class JolietNames
{
    public const int MaxLength = 64;

    public static List<string> Assign(IReadOnlyList<string> names)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(names.Count);
        foreach (var name in names)
        {
            var clean = Clean(name);
            var candidate = Truncate(clean, MaxLength);
            for (var counter = 1; !used.Add(candidate); counter++)
            {
                var suffix = "~" + counter.ToString(CultureInfo.InvariantCulture);
                var dot = clean.LastIndexOf('.');
                var extension = dot > 0 && clean.Length - dot <= 16 ? clean[dot..] : "";
                var stem = clean[..(clean.Length - extension.Length)];
                candidate =
                    Truncate(stem, MaxLength - suffix.Length - extension.Length)
                    + suffix
                    + extension;
            }
            result.Add(candidate);
        }
        return result;
    }

    public static byte[] Identifier(string name) => Encoding.BigEndianUnicode.GetBytes(name);

    private static string Clean(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(c < 0x20 || c is '*' or '/' or ':' or ';' or '?' or '\\' ? '_' : c);
        }
        return builder.ToString();
    }

    /// <summary>Cuts to <paramref name="max"/> code units without splitting a surrogate pair.</summary>
    private static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }
}
