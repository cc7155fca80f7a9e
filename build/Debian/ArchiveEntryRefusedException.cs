using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// A tar entry of a package or source archive that would be written outside the extraction
/// directory (an absolute name, a '..', a path below a symlink, a hard link leading out): names the
/// archive and the entry. Nothing of it was written; a genuine package never holds one, so the
/// download is damaged or not what the pin names.
/// </summary>
public sealed class ArchiveEntryRefusedException(string archive, string entry, string problem)
    : Exception(
        $"{archive}: entry '{entry}' {problem}; refusing it (nothing was written outside the extraction directory): check that the file is the package the pin names"
    ),
        IExpectedFailure
{
    public string Archive { get; } = archive;

    public string Entry { get; } = entry;
}
