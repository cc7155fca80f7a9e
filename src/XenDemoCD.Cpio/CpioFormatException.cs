namespace XenDemoCD.Cpio;

/// <summary>
/// An archive is corrupt, truncated or hostile. The message names the structure and its byte
/// offset in the (uncompressed) archive, so a bad file can be inspected with a hex dump.
/// </summary>
public sealed class CpioFormatException : Exception
{
    public CpioFormatException(string structure, long offset, string problem)
        : base($"cpio {structure} at byte offset {offset}: {problem}")
    {
        Structure = structure;
        Offset = offset;
    }

    public string Structure { get; }

    public long Offset { get; }
}
