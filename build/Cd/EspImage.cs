using System.Globalization;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Cd;

/// <summary>
/// The FAT image the firmware boots from (the El Torito UEFI image, and the ESP partition of the
/// CD as a USB stick): the files the firmware, shim and MokManager read, and nothing else.
/// Reproducible: <c>--invariant</c> fixes the volume serial and FAT's own times;
/// SOURCE_DATE_EPOCH and the files' mtimes fix the entries mtools writes.
/// </summary>
public sealed class EspImage(ToolRunner tools, DateTimeOffset time)
{
    /// <summary>
    /// Writes <paramref name="esp"/> holding each of <paramref name="files"/> (path in the ESP,
    /// with '/' separators → file on disk), in the order given.
    /// </summary>
    public async Task MakeAsync(string esp, IReadOnlyList<(string Path, string Source)> files)
    {
        // FAT's clusters and directories need room beyond the files (half a MiB and the
        // rounding up to the next one); at least a floppy's size.
        var bytes = files.Sum(f => new FileInfo(f.Source).Length);
        var sizeKiB = Math.Max(1440, (bytes / 1024 + 512) / 512 * 512);
        var epoch = time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await tools.RunAsync(
            HostTools.MkfsFat,
            c =>
                c.WithArguments([
                        "--invariant",
                        "-n",
                        "XENDEMO_ESP",
                        "-C",
                        esp,
                        sizeKiB.ToString(CultureInfo.InvariantCulture),
                    ])
                    .WithEnvironmentVariables(e => e.Set("SOURCE_DATE_EPOCH", epoch))
        );
        var mtoolsEnv = new Dictionary<string, string?>
        {
            ["SOURCE_DATE_EPOCH"] = epoch,
            ["MTOOLS_SKIP_CHECK"] = "1",
            ["TZ"] = "UTC",
        };
        var directories = files
            .SelectMany(f => Parents(f.Path))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        await tools.RunAsync(
            HostTools.Mmd,
            c =>
                c.WithArguments(["-i", esp, .. directories.Select(d => "::/" + d)])
                    .WithEnvironmentVariables(mtoolsEnv)
        );
        foreach (var (path, source) in files)
        {
            File.SetLastWriteTimeUtc(source, time.UtcDateTime);
            await tools.RunAsync(
                HostTools.Mcopy,
                c =>
                    c.WithArguments(["-m", "-i", esp, source, "::/" + path])
                        .WithEnvironmentVariables(mtoolsEnv)
            );
        }
    }

    /// <summary>"EFI/BOOT/X.EFI" → "EFI", "EFI/BOOT": the directories to make, parents first.</summary>
    private static IEnumerable<string> Parents(string path)
    {
        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            yield return string.Join('/', parts[..i]);
        }
    }
}
