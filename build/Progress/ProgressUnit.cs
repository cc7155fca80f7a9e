using System.Globalization;

namespace XenDemoCD.Build.Progress;

/// <summary>
/// What a step counts: bytes (shown in MB, with a rate) or things with a name (steps, phases).
/// </summary>
public sealed record ProgressUnit(string Name, bool IsBytes)
{
    private const double Megabyte = 1_000_000;

    public static ProgressUnit Bytes { get; } = new("bytes", IsBytes: true);

    public static ProgressUnit Of(string name) => new(name, IsBytes: false);

    /// <summary>"52.3 of 139.3 MB" or "345/769 steps"; without a total only what is done.</summary>
    public string Amount(long done, long? total) =>
        IsBytes
            ? total is { } t
                ? string.Create(
                    CultureInfo.InvariantCulture,
                    $"{done / Megabyte:F1} of {t / Megabyte:F1} MB"
                )
                : string.Create(CultureInfo.InvariantCulture, $"{done / Megabyte:F1} MB")
            : total is { } n
                ? string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{n:N0} {Name}")
                : string.Create(CultureInfo.InvariantCulture, $"{done:N0} {Name}");

    /// <summary>The average rate since the step began, for bytes only ("11.2 MB/s").</summary>
    public string? Rate(long done, TimeSpan elapsed) =>
        IsBytes && elapsed > TimeSpan.FromSeconds(0.5)
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{done / Megabyte / elapsed.TotalSeconds:F1} MB/s"
            )
            : null;
}
