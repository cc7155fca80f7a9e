using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Inputs;

/// <summary>
/// One folder of <c>tests/malformed-inputs/</c>: a copy of one input file of the repository with
/// one defect, at its path in the repository, and an <c>expect</c> file saying which file, line and
/// field the build must name (and the arguments that make the build read that file).
/// </summary>
public sealed record MalformedInputCase(
    string Name,
    string Folder,
    string File,
    int? Line,
    string? Field,
    IReadOnlyList<string> Arguments
)
{
    public static string CasesFolder => RepositoryRoot.Combine("tests", "malformed-inputs");

    /// <summary>The repository's input files and folders (the CD's content), copied into each test root.</summary>
    public static IReadOnlyList<string> Inputs => BuildSettings.ContentFolders;

    public static IEnumerable<string> Names =>
        Directory
            .GetDirectories(CasesFolder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static MalformedInputCase Read(string name)
    {
        var folder = Path.Combine(CasesFolder, name);
        var fields = System
            .IO.File.ReadLines(Path.Combine(folder, "expect"))
            .Where(l => !l.StartsWith('#') && l.Contains(':'))
            .ToDictionary(l => l.Split(':', 2)[0].Trim(), l => l.Split(':', 2)[1].Trim());
        return new MalformedInputCase(
            name,
            folder,
            fields["file"],
            fields["line"] == "-" ? null : int.Parse(fields["line"]),
            fields["field"] == "-" ? null : fields["field"],
            fields.TryGetValue("args", out var args)
                ? args.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                : []
        );
    }

    /// <summary>The repository's input files, as they are, under <paramref name="root"/>.</summary>
    public static void CopyRepositoryInputs(string root)
    {
        foreach (var input in Inputs)
        {
            Copy(RepositoryRoot.Combine(input), Path.Combine(root, input));
        }
    }

    /// <summary>The repository's inputs with this case's file in place of the good one.</summary>
    public void LayOut(string root)
    {
        CopyRepositoryInputs(root);
        var broken = Path.Combine(Folder, File);
        System.IO.File.Copy(broken, Path.Combine(root, File), overwrite: true);
    }

    /// <summary>What the message must start with: <c>FILE:LINE: FIELD:</c>, as far as known.</summary>
    public string Location(string root) =>
        Path.Combine(root, File)
        + (Line is { } line ? $":{line}" : "")
        + ": "
        + (Field is { } field ? $"{field}: " : "");

    private static void Copy(string from, string to)
    {
        if (System.IO.File.Exists(from))
        {
            System.IO.File.Copy(from, to);
            return;
        }
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                System.IO.File.CreateSymbolicLink(target, link);
            }
            else
            {
                Copy(entry.FullName, target);
            }
        }
    }
}
