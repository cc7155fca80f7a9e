using System.Text.Json;

namespace XenDemoCD.Build;

/// <summary>
/// The repository's JSON input files (pins, bootstrap settings, menu values): comments and
/// trailing commas allowed, and every problem reported as file, field and fix.
/// </summary>
public static class InputJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static T Load<T>(
        string path,
        string missing = "the file is missing",
        string restore = "restore it from git"
    )
        where T : class
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, missing, restore);
        }
        T? document;
        try
        {
            document = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InputFileException(
                path,
                $"it is not valid JSON (line {e.LineNumber + 1}: {e.Message})",
                "fix the syntax"
            );
        }
        return document ?? throw new InputFileException(path, "it is empty", restore);
    }

    public static string Required(string path, string field, string? value, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InputFileException(path, $"field '{field}' is missing", $"set it to {what}")
            : value;

    public static bool IsSha256(string value) => value.Length == 64 && value.All(Uri.IsHexDigit);
}
