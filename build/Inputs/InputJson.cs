using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Inputs;

/// <summary>
/// The repository's JSON input files (pins, bootstrap settings, menu values): comments and
/// trailing commas allowed, and strict otherwise. An unknown field is an error naming the nearest
/// known one (a typo such as "componet" must not silently fall back to a default), and every
/// problem is reported as file, line, field and fix.
/// </summary>
public static class InputJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
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
        var text = File.ReadAllText(path);
        T? document;
        try
        {
            document = JsonSerializer.Deserialize<T>(text, Options);
        }
        catch (JsonException e)
        {
            throw Explain<T>(path, text, e);
        }
        return document ?? throw new InputFileException(path, "it is empty", restore);
    }

    public static string Required(string path, string field, string? value, string what) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InputFileException(
                path,
                "the field is missing",
                $"set it to {what}",
                LineOf(path, field),
                field
            )
            : value;

    /// <summary>A problem with the value of <paramref name="field"/> (dotted for nested fields), at its line.</summary>
    /// <param name="value">An element of a list field: the line is then that element's.</param>
    public static InputFileException FieldError(
        string path,
        string field,
        string problem,
        string fix,
        string? value = null
    ) => new(path, problem, fix, LineOf(path, field, value), field);

    public static bool IsSha256(string value) => value.Length == 64 && value.All(Uri.IsHexDigit);

    /// <summary>
    /// The line on which <paramref name="field"/> (e.g. "sha256" or "sha256.xen.dsc", matched by
    /// its first dot only) is written, or null when the file does not name it; with
    /// <paramref name="value"/>, the line of that string inside the field (an element of a list).
    /// </summary>
    public static int? LineOf(string path, string field, string? value = null)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(
            bytes,
            new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }
        );
        var parents = new Stack<string>();
        string? pending = null;
        int? fieldLine = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when fieldLine is not null:
                        return fieldLine; // the field ended without the value
                    case JsonTokenType.PropertyName:
                        pending = reader.GetString();
                        var dotted = string.Join('.', parents.Reverse().Append(pending));
                        if (string.Equals(dotted, field, StringComparison.OrdinalIgnoreCase))
                        {
                            fieldLine = LineAt(bytes, reader.TokenStartIndex);
                            if (value is null)
                            {
                                return fieldLine;
                            }
                        }
                        break;
                    case JsonTokenType.String
                        when fieldLine is not null && reader.GetString() == value:
                        return LineAt(bytes, reader.TokenStartIndex);
                    case JsonTokenType.StartObject when pending is not null:
                        parents.Push(pending);
                        pending = null;
                        break;
                    case JsonTokenType.EndObject when parents.Count > 0:
                        parents.Pop();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The syntax error is reported on its own; the line is only a convenience.
        }
        return fieldLine;
    }

    private static int LineAt(byte[] bytes, long offset) =>
        bytes.AsSpan(0, (int)offset).Count((byte)'\n') + 1;

    private static InputFileException Explain<T>(string path, string text, JsonException e)
    {
        var line = e.LineNumber is { } n ? (int)n + 1 : (int?)null;
        var field = FieldOf(e.Path);
        if (
            e.Message.Contains("could not be mapped", StringComparison.Ordinal) && field is not null
        )
        {
            var known = KnownFields(typeof(T), e.Path!);
            var nearest = NearestName.To(LastSegment(field), known);
            return new InputFileException(
                path,
                "unknown field",
                nearest is null
                    ? $"remove it (the known fields are {string.Join(", ", known)})"
                    : $"did you mean '{nearest}'? (the known fields are {string.Join(", ", known)})",
                line,
                field
            );
        }
        if (
            field is not null
            && e.Message.Contains("could not be converted", StringComparison.Ordinal)
        )
        {
            return new InputFileException(
                path,
                "the value has the wrong type",
                $"write {Describe(TypeAt(typeof(T), e.Path!))}",
                line,
                field
            );
        }
        var reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
        return new InputFileException(
            path,
            $"it is not valid JSON ({reason})",
            "fix the syntax",
            line,
            field
        );
    }

    private static string? FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return null;
        }
        var builder = new StringBuilder();
        foreach (var segment in Segments(jsonPath))
        {
            builder.Append(builder.Length == 0 ? "" : ".").Append(segment);
        }
        return builder.ToString();
    }

    private static string LastSegment(string field) => field.Split('.')[^1];

    // "$.a.b", "$['x.dsc']", "$.list[3]" → a, b / x.dsc / list (array indices are not fields).
    private static IEnumerable<string> Segments(string jsonPath)
    {
        var rest = jsonPath.TrimStart('$');
        var i = 0;
        while (i < rest.Length)
        {
            if (rest[i] == '.')
            {
                var end = rest.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? rest.Length : end;
                yield return rest[(i + 1)..end];
                i = end;
            }
            else if (rest[i] == '[' && i + 1 < rest.Length && rest[i + 1] == '\'')
            {
                var end = rest.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? rest.Length : end;
                yield return rest[(i + 2)..end];
                i = end + 2;
            }
            else
            {
                var end = rest.IndexOf(']', i);
                i = end < 0 ? rest.Length : end + 1;
            }
        }
    }

    private static IReadOnlyList<string> KnownFields(Type root, string jsonPath)
    {
        var segments = Segments(jsonPath).ToList();
        var owner = TypeAtSegments(root, segments[..^1]);
        var info = Options.GetTypeInfo(owner);
        return info.Kind == JsonTypeInfoKind.Object
            ? info.Properties.Select(p => p.Name).ToList()
            : [];
    }

    private static Type TypeAt(Type root, string jsonPath) =>
        TypeAtSegments(root, Segments(jsonPath).ToList());

    private static Type TypeAtSegments(Type root, IReadOnlyList<string> segments)
    {
        var type = root;
        foreach (var segment in segments)
        {
            var info = Options.GetTypeInfo(type);
            type = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p =>
                    string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase)
                )?.PropertyType
                    ?? type,
                JsonTypeInfoKind.Dictionary or JsonTypeInfoKind.Enumerable => info.ElementType
                    ?? type,
                _ => type,
            };
        }
        return type;
    }

    private static string Plural(Type type) =>
        type == typeof(string) ? "strings in double quotes" : $"values like {Describe(type)}";

    private static string Describe(Type type)
    {
        var info = Options.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => $"a list of {Plural(info.ElementType!)}",
            JsonTypeInfoKind.Dictionary =>
                $"an object whose values are {Plural(info.ElementType!)}",
            JsonTypeInfoKind.Object => "an object",
            _ when Nullable.GetUnderlyingType(type) is { } inner => Describe(inner),
            _ when type == typeof(string) => "a string in double quotes",
            _ when type == typeof(bool) => "true or false",
            _ => "a number",
        };
    }
}
