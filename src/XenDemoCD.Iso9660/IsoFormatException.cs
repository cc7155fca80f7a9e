namespace XenDemoCD.Iso9660;

/// <summary>
/// A structure in an image is corrupt, truncated or hostile. The message names the structure
/// and the absolute byte offset, so a bad image can be inspected with a hex dump.
/// </summary>
public sealed class IsoFormatException : Exception
{
    public IsoFormatException(string structure, long offset, string problem)
        : base($"{structure} at byte offset {offset}: {problem}")
    {
        Structure = structure;
        Offset = offset;
        Problem = problem;
    }

    public string Structure { get; }

    public long Offset { get; }

    public string Problem { get; }
}
