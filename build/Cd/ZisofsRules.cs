using System.IO.Enumeration;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Iso9660;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// <c>usr-layout/zisofs.conf</c>: which files of the CD stay plain; every other file is stored
/// zisofs-compressed, which Linux's isofs reads transparently. A line is <c>plain PATTERN…</c>;
/// a pattern is matched against the whole path on the CD (<c>*</c> matches '/' too, as in
/// <c>layout.conf</c>).
/// </summary>
public sealed class ZisofsRules
{
    public const string Verb = "plain";

    private readonly IReadOnlyList<string> plain;

    private ZisofsRules(IReadOnlyList<string> plain) => this.plain = plain;

    public static ZisofsRules Load(string file)
    {
        var patterns = new List<string>();
        var number = 0;
        foreach (var raw in File.ReadLines(file))
        {
            number++;
            var words = raw.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }
            if (words[0] != Verb)
            {
                throw new InputFileException(
                    file,
                    $"'{words[0]}' is not a rule",
                    $"start the line with '{Verb}' followed by the patterns of the files to keep uncompressed",
                    number,
                    "VERB"
                );
            }
            if (words.Length == 1)
            {
                throw new InputFileException(
                    file,
                    $"'{Verb}' names no pattern",
                    "add the patterns after it, e.g. 'plain /boot/* *.gz', or remove the line",
                    number,
                    "PATTERN"
                );
            }
            foreach (var pattern in words.Skip(1))
            {
                if (!pattern.StartsWith('/') && !pattern.StartsWith('*'))
                {
                    throw new InputFileException(
                        file,
                        $"'{pattern}' can match no path on the CD: every path starts with '/'",
                        $"write '/{pattern}' for a path from the CD's root, or '*{pattern}' for a name ending so",
                        number,
                        "PATTERN"
                    );
                }
                patterns.Add(pattern);
            }
        }
        return new ZisofsRules(patterns);
    }

    /// <summary>Whether the file at <paramref name="path"/> (absolute on the CD) stays plain.</summary>
    public bool IsPlain(string path) =>
        plain.Any(p => FileSystemName.MatchesSimpleExpression(p, path, ignoreCase: false));

    /// <summary>
    /// Marks every file of <paramref name="tree"/> no pattern names for zisofs; returns how many
    /// and their bytes. Empty files and files of 4 GiB or more (zisofs cannot hold them) stay plain.
    /// </summary>
    public (int Files, long Bytes) Apply(IsoTree tree)
    {
        var files = 0;
        var bytes = 0L;
        foreach (var entry in tree.Walk())
        {
            if (
                entry is TreeFile file
                && file.Content.Length is > 0 and < uint.MaxValue
                && !IsPlain(file.Path)
            )
            {
                file.Zisofs = true;
                files++;
                bytes += file.Content.Length;
            }
        }
        return (files, bytes);
    }
}
