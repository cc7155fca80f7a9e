namespace XenDemoCD.Build.Tests.Support;

/// <summary>The checkout these tests were built from (the directory holding Cake.csproj).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path inside the checkout, from its parts.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Cake.csproj")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Cake.csproj above {AppContext.BaseDirectory}.");
    }
}
