namespace XenDemoCD.Build.Stages;

/// <summary>
/// A stage's output directory, written in a temporary directory beside it and renamed into
/// place with its manifest last, so an interrupted build never leaves an output that looks
/// complete: an output counts only with its manifest inside.
/// </summary>
public sealed class StageDirectory(string path)
{
    public const string ManifestFileName = ".manifest";

    public string Path { get; } = path;

    public string Temporary => Path + ".partial";

    private string Retired => Path + ".old";

    /// <summary>The manifest of the last successful run, or null when there is no complete output.</summary>
    public StageManifest? ReadCommittedManifest()
    {
        var file = System.IO.Path.Combine(Path, ManifestFileName);
        return File.Exists(file) ? StageManifest.Parse(File.ReadAllText(file)) : null;
    }

    /// <summary>An empty temporary directory for a new attempt (leftovers of a killed one are removed).</summary>
    public string BeginAttempt()
    {
        DeleteIfPresent(Temporary);
        DeleteIfPresent(Retired);
        Directory.CreateDirectory(Temporary);
        return Temporary;
    }

    /// <summary>Seal the attempt: manifest into the temporary directory, then swap it into place.</summary>
    public void Commit(StageManifest manifest)
    {
        var manifestFile = System.IO.Path.Combine(Temporary, ManifestFileName);
        File.WriteAllText(manifestFile + ".tmp", manifest.Serialize());
        File.Move(manifestFile + ".tmp", manifestFile);
        if (Directory.Exists(Path))
        {
            // The old output first loses its place, then the new one takes it; a kill between the
            // two leaves no output, never a mixed one.
            Directory.Move(Path, Retired);
        }
        Directory.Move(Temporary, Path);
        DeleteIfPresent(Retired);
    }

    public static void DeleteIfPresent(string directory)
    {
        if (Directory.Exists(directory))
        {
            MakeWritable(new DirectoryInfo(directory));
            Directory.Delete(directory, recursive: true);
        }
    }

    // Source trees unpacked from archives can hold read-only directories, which would stop the
    // recursive delete.
    private static void MakeWritable(DirectoryInfo directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        foreach (
            var sub in directory
                .EnumerateDirectories("*", SearchOption.AllDirectories)
                .Prepend(directory)
        )
        {
            if (sub.LinkTarget is null && (sub.UnixFileMode & UnixFileMode.UserWrite) == 0)
            {
                sub.UnixFileMode |= UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
        }
    }
}
