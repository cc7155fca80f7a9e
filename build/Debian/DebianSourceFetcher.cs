using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// Fetches a pinned Debian source package with <c>apt-get source --download-only</c> into the
/// download cache, verifies every file against its pinned sha256, and reuses the cache while the
/// files still match.
/// </summary>
[OutputNeutral("every file it fetches is checked against the pin's SHA-256")]
public sealed class DebianSourceFetcher(DownloadCache cache, ToolRunner tools)
{
    public async Task<string> FetchAsync(DebianSourcePin pin, string pinFile)
    {
        using var cacheLock = await cache.LockAsync(tools.Cancellation).ConfigureAwait(false);
        var directory = Path.Combine(cache.Downloads, pin.Package, pin.Version);
        if (Mismatches(directory, pin, pinFile).Count == 0)
        {
            Log.Information(
                "Source {Package} {Version} found in the download cache",
                pin.Package,
                pin.Version
            );
            return directory;
        }

        var apt = PrivateApt.ForSources(cache.Apt, pin.Suite, pin.Component, pinFile);
        Log.Information(
            "Fetching the {Suite} source index (deb-src derived from the host's apt sources)",
            pin.Suite
        );
        await tools
            .RunAsync(HostTools.AptGet, c => c.WithArguments([.. apt.Options, "update"]))
            .ConfigureAwait(false);

        var partial = directory + ".partial";
        DirectoryRemoval.DeleteIfPresent(partial);
        Directory.CreateDirectory(partial);
        Log.Information("Downloading source package {Package}={Version}", pin.Package, pin.Version);
        string[] source =
        [
            .. apt.Options,
            "source",
            "--download-only",
            $"{pin.Package}={pin.Version}",
        ];
        var uris = await tools
            .CaptureAsync(
                HostTools.AptGet,
                c => c.WithArguments([.. source, "--print-uris"]).WithWorkingDirectory(partial)
            )
            .ConfigureAwait(false);
        using (
            var progress = new StepProgress($"Download {pin.Package} source", ProgressUnit.Bytes)
        )
        await using (DownloadWatch.Start(partial, AptUriList.TotalSize(uris.Split('\n')), progress))
        {
            try
            {
                await tools
                    .RunAsync(
                        HostTools.AptGet,
                        c => c.WithArguments(source).WithWorkingDirectory(partial)
                    )
                    .ConfigureAwait(false);
            }
            catch (ToolFailedException e)
            {
                throw NotServed(pin, pinFile, e);
            }
        }

        var problems = Mismatches(partial, pin, pinFile);
        if (problems.Count > 0)
        {
            throw new InputFileException(
                pinFile,
                "the downloaded files do not match the pinned sums: " + string.Join("; ", problems),
                "if the archive really changed the package, update 'version' and 'sha256' after checking the new files"
            );
        }
        DirectoryRemoval.DeleteIfPresent(directory);
        Directory.Move(partial, directory);
        return directory;
    }

    private static List<string> Mismatches(string directory, DebianSourcePin pin, string pinFile)
    {
        var problems = new List<string>();
        foreach (var (file, expected) in pin.Sha256)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                problems.Add($"{file} is missing");
                continue;
            }
            var actual = FileDigest.Sha256Of(path);
            if (!actual.Equals(expected, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file} has sha256 {actual}, {pinFile} pins {expected}");
            }
        }
        return problems;
    }

    /// <summary>
    /// The archive's index may list a source package whose files its pool does not serve (a
    /// partial mirror answers 404): say which files, and what to do, rather than apt's last line.
    /// </summary>
    public static InputFileException NotServed(
        DebianSourcePin pin,
        string pinFile,
        ToolFailedException e
    )
    {
        // apt: "E: Failed to fetch http://…/xen_4.20.4%2b63-….dsc  404  Not Found [IP: …]"
        var missing = e
            .LastLines.Where(l => l.Contains(" 404 ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(word => word.Contains("://", StringComparison.Ordinal))
            .Select(uri => Uri.UnescapeDataString(uri[(uri.LastIndexOf('/') + 1)..]))
            .Distinct()
            .ToList();
        return missing.Count > 0
            ? InputJson.FieldError(
                pinFile,
                "version",
                $"the archive lists source {pin.Package} {pin.Version} in '{pin.Suite}' but does not serve its files (404: {string.Join(", ", missing)})",
                "pin a version whose files the archive serves (`apt-get source --download-only PACKAGE=VERSION` with its deb-src), or use the Debian binary package instead (--hypervisor=debian, --kernel=debian)"
            )
            : InputJson.FieldError(
                pinFile,
                "version",
                $"apt-get could not fetch source {pin.Package} {pin.Version} from '{pin.Suite}': {e.LastLines.LastOrDefault() ?? e.Message}",
                "pin a version `apt-cache showsrc PACKAGE` lists for that suite, with the sha256 of each file"
            );
    }
}
