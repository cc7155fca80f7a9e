namespace XenDemoCD.IsoTool;

/// <summary>
/// The primary volume id (ECMA-119 8.4.6): at most 32 d-characters, A–Z 0–9 and _. The writer
/// would quietly change anything else, so isotool refuses it, or maps it when asked to.
/// </summary>
internal static class VolumeIdentifier
{
    public const int MaxLength = 32;

    /// <summary>The id to write: <paramref name="given"/> if valid, its mapping if allowed, else a usage error.</summary>
    public static string Resolve(string given, bool map, Arguments arguments, TextWriter error)
    {
        var problems = Problems(given);
        if (problems.Count == 0)
        {
            return given;
        }
        var mapped = Map(given);
        if (!map || mapped.Length == 0)
        {
            var fix = mapped.Length == 0 ? "" : $"use --volid {mapped}, or ";
            throw arguments.Error(
                $"--volid '{given}' is not an ISO 9660 volume id: {string.Join(", ", problems)}; {fix}add --map-volid to map it to A-Z 0-9 _ (at most {MaxLength})"
            );
        }
        error.WriteLine($"isotool create: --volid '{given}' mapped to '{mapped}' (--map-volid)");
        return mapped;
    }

    /// <summary>Upper case, every other character _, the first 32 kept: what --map-volid does.</summary>
    public static string Map(string id)
    {
        var chars = id.ToUpperInvariant().Select(c => IsDCharacter(c) ? c : '_').ToArray();
        return new string(chars[..Math.Min(chars.Length, MaxLength)]);
    }

    private static List<string> Problems(string id)
    {
        var problems = new List<string>();
        if (id.Length == 0)
        {
            problems.Add("it is empty");
        }
        if (id.Length > MaxLength)
        {
            problems.Add($"it has {id.Length} characters, more than {MaxLength}");
        }
        if (id.Any(char.IsLower))
        {
            problems.Add("lower-case letters are not allowed");
        }
        var others = id.Where(c => !IsDCharacter(c) && !char.IsLower(c)).Distinct().ToList();
        if (others.Count > 0)
        {
            problems.Add(
                $"{string.Join(" ", others.Select(c => $"'{c}'"))} {(others.Count == 1 ? "is" : "are")} not allowed"
            );
        }
        return problems;
    }

    private static bool IsDCharacter(char c) =>
        c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
}
