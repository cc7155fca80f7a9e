namespace XenDemoCD.Iso9660;

/// <summary>
/// A structure in an image is corrupt, truncated or hostile. The message names the structure
/// and the absolute byte offset, so a bad image can be inspected with a hex dump.
/// </summary>
public sealed class IsoFormatException : Exception
{
    /// <summary>Creates the exception; its message reads "<c>structure</c> at byte offset <c>offset</c>: <c>problem</c>".</summary>
    /// <param name="structure">The structure that is wrong, e.g. "El Torito validation entry" or "Rock Ridge SL".</param>
    /// <param name="offset">Where it is, in bytes from the start of the image (0 when not tied to a place).</param>
    /// <param name="problem">What is wrong with it.</param>
    public IsoFormatException(string structure, long offset, string problem)
        : base($"{structure} at byte offset {offset}: {problem}")
    {
        Structure = structure;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The structure that is wrong, e.g. "volume descriptor" or "directory /boot".</summary>
    public string Structure { get; }

    /// <summary>The structure's absolute position in the image, in bytes (0 when not tied to a place).</summary>
    public long Offset { get; }

    /// <summary>What is wrong with the structure, without its name and offset.</summary>
    public string Problem { get; }
}
