using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// A package profile, <c>usr-layout/profiles/NAME.json</c>: packages a CD built with
/// <c>--profile=NAME</c> carries beside <c>bootstrap.json</c>'s, for what would make every CD
/// larger (the benchmarks' compiler and database, a desktop). Profiles combine; each is checked
/// like every input file.
/// </summary>
public sealed record PackageProfile(
    string Name,
    string File,
    string Description,
    IReadOnlyList<string> Packages
)
{
    public const string Folder = "profiles";

    /// <summary>The file of profile <paramref name="name"/> in <paramref name="usrLayout"/>.</summary>
    public static string FileOf(string usrLayout, string name) =>
        Path.Combine(usrLayout, Folder, name + ".json");

    /// <summary>The profiles a checkout offers, by name.</summary>
    public static IReadOnlyList<string> Available(string usrLayout) =>
        Directory.Exists(Path.Combine(usrLayout, Folder))
            ?
            [
                .. Directory
                    .EnumerateFiles(Path.Combine(usrLayout, Folder), "*.json")
                    .Select(f => Path.GetFileNameWithoutExtension(f))
                    .Order(StringComparer.Ordinal),
            ]
            : [];

    public static PackageProfile Load(string usrLayout, string name)
    {
        var path = FileOf(usrLayout, name);
        if (!System.IO.File.Exists(path))
        {
            var offered = Available(usrLayout);
            throw new InputFileException(
                path,
                $"there is no profile '{name}' (--profile)",
                offered.Count == 0
                    ? "leave --profile out: this checkout has no profiles"
                    : $"use one of {string.Join(", ", offered)}, or write {Path.GetFileName(path)} with \"description\" and \"packages\""
            );
        }
        var document = InputJson.Load<Document>(path);
        var description = InputJson.Required(
            path,
            "description",
            document.Description,
            "one line saying what the profile is for"
        );
        var packages = PackageList.Check(
            path,
            document.Packages,
            "list the packages the profile adds"
        );
        return new PackageProfile(name, path, description, packages);
    }

    /// <summary>
    /// <c>--profile</c>'s value: names separated by commas, each a file name without path parts
    /// (the name becomes part of the ISO's name).
    /// </summary>
    public static IReadOnlyList<string> ParseNames(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return [];
        }
        var names = list.Split(
            ',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
        );
        if (
            names.FirstOrDefault(n =>
                !n.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
                || n.StartsWith('-')
            ) is
            { } bad
        )
        {
            throw new Host.CommandLineException(
                $"--profile={list}: '{bad}' is not a profile name; names are lower-case letters, digits and '-', as the files in usr-layout/profiles/ are named."
            );
        }
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    private sealed record Document(string? Description, List<string>? Packages);
}
