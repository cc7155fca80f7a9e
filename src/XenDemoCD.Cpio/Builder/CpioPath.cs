namespace XenDemoCD.Cpio.Builder;

/// <summary>
/// Archive paths: relative, '/'-separated, no '.' or '..' components (the kernel would follow
/// them out of the rootfs), and ordered so each directory's members follow it contiguously.
/// </summary>
internal static class CpioPath
{
    /// <summary>Drops a leading "/" or "./" and a trailing "/"; rejects what cannot be archived.</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path;
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }
        trimmed = trimmed.TrimStart('/').TrimEnd('/');
        if (trimmed.Length == 0)
        {
            throw new ArgumentException(
                $"'{path}' names the archive's root, which is not an entry; give a path below it",
                nameof(path)
            );
        }
        if (trimmed.Contains('\0'))
        {
            throw new ArgumentException($"'{path}' contains a NUL character", nameof(path));
        }
        foreach (var component in trimmed.Split('/'))
        {
            if (component is "" or "." or "..")
            {
                throw new ArgumentException(
                    $"'{path}' has an empty, '.' or '..' component; archive paths must be plain",
                    nameof(path)
                );
            }
        }
        if (System.Text.Encoding.UTF8.GetByteCount(trimmed) + 1 > Format.NewcLayout.MaxNameSize)
        {
            throw new ArgumentException(
                $"'{path}' is longer than the kernel's PATH_MAX ({Format.NewcLayout.MaxNameSize} bytes)",
                nameof(path)
            );
        }
        return trimmed;
    }

    public static string? ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }

    /// <summary>
    /// Ordinal order with '/' below every other character: a directory comes right before its
    /// members ("a", "a/b", "a-c"), so a reader always meets a parent before its children.
    /// </summary>
    public static readonly IComparer<string> Order = Comparer<string>.Create(Compare);

    private static int Compare(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return string.CompareOrdinal(left, right);
        }
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            if (left[i] != right[i])
            {
                return Rank(left[i]).CompareTo(Rank(right[i]));
            }
        }
        return left.Length.CompareTo(right.Length);
    }

    private static int Rank(char c) => c == '/' ? -1 : c;
}
