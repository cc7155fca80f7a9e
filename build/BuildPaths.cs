namespace XenDemoCD.Build;

/// <summary>Where everything lives, computed once. Relative paths given by the user are taken from the current directory.</summary>
public sealed record BuildPaths(string Root, string Out, string Cache)
{
    /// <summary>Finished stage outputs, one directory each, replaced atomically.</summary>
    public string Stages => Path.Combine(Out, "stages");

    /// <summary>Kept between runs so compilers rebuild only what changed (object trees).</summary>
    public string Work => Path.Combine(Out, "work");

    public string Logs => Path.Combine(Out, "logs");

    public string Downloads => Path.Combine(Cache, "downloads");

    public string Ccache => Path.Combine(Cache, "ccache");

    public string Apt => Path.Combine(Cache, "apt");

    public string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);

    public string StageOutput(string stage) => Path.Combine(Stages, stage);

    public string StageWork(string stage) => Path.Combine(Work, stage);

    /// <summary>
    /// The repository root: <c>XENDEMOCD_ROOT</c> (set by build.sh / build.ps1), else the nearest
    /// directory upwards holding Cake.csproj, else the current directory.
    /// </summary>
    public static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("XENDEMOCD_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        for (
            var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
            dir is not null;
            dir = dir.Parent
        )
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cake.csproj")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
