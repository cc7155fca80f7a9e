namespace XenDemoCD.Iso9660;

/// <summary>How much of the image is written: <see cref="BytesWritten"/> of <see cref="TotalBytes"/>.</summary>
/// <param name="BytesWritten">Bytes of the image written to the output so far.</param>
/// <param name="TotalBytes">The size of the whole image in bytes, known from the layout before writing starts.</param>
public readonly record struct IsoWriteProgress(long BytesWritten, long TotalBytes);
