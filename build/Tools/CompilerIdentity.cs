using XenDemoCD.Build.IO;

namespace XenDemoCD.Build.Tools;

/// <summary>
/// Which compiler made an object, as the compiler itself records it in the object's
/// <c>.comment</c> section (<c>GCC: (Debian 12.2.0-14+deb12u1) 12.2.0</c>). Asking a distcc host
/// for <c>gcc --version</c> is not possible (distcc runs that here), but a compile it runs
/// carries its compiler's own stamp: the preprocessing is ours, the compiling the host's.
/// </summary>
public static class CompilerIdentity
{
    private const string Probe = "probe.c";

    /// <summary>Writes the file every probe compiles into <paramref name="directory"/>; call once, before the probes.</summary>
    public static void WriteProbe(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(
            Path.Combine(directory, Probe),
            "int xendemocd_compiler_probe(int x) { return x * 3; }\n"
        );
    }

    public static async Task<string> OfThisMachineAsync(ToolRunner tools, string directory)
    {
        var source = Path.Combine(directory, Probe);
        var output = Path.Combine(directory, "local.o");
        await tools.RunAsync(
            HostTools.Gcc,
            c => c.WithArguments(["-c", source, "-o", output]).WithWorkingDirectory(directory)
        );
        return await ReadAsync(tools, output);
    }

    /// <summary>The host compiles the probe, or the call fails: never here in its place.</summary>
    public static async Task<string> OfHostAsync(
        DistccHost host,
        ToolRunner tools,
        string directory
    )
    {
        var source = Path.Combine(directory, Probe);
        var output = Path.Combine(directory, $"{host.Address}-{host.Port}.o");
        var state = Path.Combine(directory, $"state-{host.Address}-{host.Port}");
        DirectoryRemoval.DeleteIfPresent(state);
        Directory.CreateDirectory(state);
        await tools.RunAsync(
            HostTools.Distcc,
            c =>
                c.WithArguments(["gcc", "-c", source, "-o", output])
                    .WithWorkingDirectory(directory)
                    .WithEnvironmentVariables(e =>
                        e.Set("DISTCC_HOSTS", $"{host.Name}/1")
                            .Set("DISTCC_FALLBACK", "0")
                            .Set("DISTCC_SKIP_LOCAL_RETRY", "1")
                            // A one-line file compiles in well under a second; a host that takes
                            // the connection and then says nothing is as good as down.
                            .Set("DISTCC_IO_TIMEOUT", "20")
                            // Its own state: distcc's backoff after a failure (which ends the
                            // probe: no retry) must not touch another host's probe.
                            .Set("DISTCC_DIR", state)
                            .Set("DISTCC_LOG", null)
                    )
        );
        return await ReadAsync(tools, output);
    }

    private static async Task<string> ReadAsync(ToolRunner tools, string objectFile)
    {
        var dump = await tools.CaptureAsync(
            HostTools.Readelf,
            c => c.WithArguments(["-p", ".comment", objectFile])
        );
        // "  [     1]  GCC: (Debian 12.2.0-14+deb12u1) 12.2.0"
        var stamps = dump.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith('['))
            .Select(line => line[(line.IndexOf(']') + 1)..].Trim())
            .ToList();
        return stamps.Count > 0
            ? string.Join("; ", stamps)
            : $"(no compiler stamp in {Path.GetFileName(objectFile)})";
    }
}
