namespace XenDemoCD.Build.RootFs;

/// <summary>
/// mmdebstrap's progress, from the "I: …" lines it prints on a non-terminal (its own progress
/// bar needs a terminal): the phases in the order it runs them, as its 1.3 script names them.
/// Phases a run skips (nothing to download, no remaining packages) simply are not seen.
/// </summary>
public static class MmdebstrapPhases
{
    /// <summary>(the start of its "I:" message, the phase's name), in order.</summary>
    private static readonly (string Message, string Name)[] Phases =
    [
        ("running apt-get update", "updating package lists"),
        ("downloading packages with apt", "downloading packages"),
        ("extracting archives", "extracting archives"),
        ("installing essential packages", "installing essential packages"),
        ("installing remaining packages", "installing remaining packages"),
        ("cleaning package lists and apt cache", "cleaning up"),
        ("creating tarball", "creating the tarball"),
    ];

    public static int Count => Phases.Length;

    /// <summary>The phase (1-based) a line of mmdebstrap's output starts, and its name; null for any other line.</summary>
    public static (int Number, string Name)? Parse(string line)
    {
        if (!line.StartsWith("I: ", StringComparison.Ordinal))
        {
            return null;
        }
        var message = line[3..];
        for (var i = 0; i < Phases.Length; i++)
        {
            if (message.StartsWith(Phases[i].Message, StringComparison.Ordinal))
            {
                return (i + 1, Phases[i].Name);
            }
        }
        return null;
    }
}
