using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Unpacking;

/// <summary>
/// The CD cannot be unpacked safely or faithfully: names the entry (where it came from: the
/// ISO's Rock Ridge tree or root.tar.gz), what is wrong with it and why Unpack refuses.
/// </summary>
public sealed class UnpackException(string source, string entry, string problem)
    : Exception(
        $"{source}: '{entry}' {problem}; nothing was written outside the target directory."
    ),
        IExpectedFailure
{
    public string Origin { get; } = source;

    public string Entry { get; } = entry;
}
