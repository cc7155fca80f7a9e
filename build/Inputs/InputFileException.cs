using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Inputs;

/// <summary>
/// An input file of the build is wrong: names the file (and the line and the field, where there
/// is one), what is wrong, and the fix. Printed as <c>FILE:LINE: FIELD: PROBLEM; FIX.</c>
/// </summary>
public sealed class InputFileException(
    string file,
    string problem,
    string fix,
    int? line = null,
    string? field = null
) : Exception(Describe(file, problem, fix, line, field)), IExpectedFailure
{
    public string File { get; } = file;

    public int? Line { get; } = line;

    public string? Field { get; } = field;

    private static string Describe(
        string file,
        string problem,
        string fix,
        int? line,
        string? field
    ) =>
        $"{file}{(line is { } n ? $":{n}" : "")}: {(field is null ? "" : $"{field}: ")}{problem}; {fix}.";
}
