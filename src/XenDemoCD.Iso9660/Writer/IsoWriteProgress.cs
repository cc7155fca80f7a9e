namespace XenDemoCD.Iso9660;

/// <summary>How much of the image is written: <see cref="BytesWritten"/> of <see cref="TotalBytes"/>.</summary>
public readonly record struct IsoWriteProgress(long BytesWritten, long TotalBytes);
