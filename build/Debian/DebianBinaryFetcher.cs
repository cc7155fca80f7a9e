using Serilog;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Stages.Code;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// Fetches a pinned binary package with <c>apt-get download</c> (the host's own apt sources and
/// lists: binaries need no private configuration) into the download cache, verifies its sha256,
/// and reuses the cached file while it still matches.
/// </summary>
[OutputNeutral("the package it fetches is checked against the pin's SHA-256")]
public sealed class DebianBinaryFetcher(BuildPaths paths, ToolRunner tools)
{
    /// <summary>The verified .deb's path.</summary>
    public async Task<string> FetchAsync(DebianBinaryPin pin, string pinFile)
    {
        using var cacheLock = await DownloadCache
            .LockAsync(paths, tools.Cancellation)
            .ConfigureAwait(false);
        var directory = Path.Combine(paths.Downloads, pin.Package, pin.Version);
        var deb = Path.Combine(directory, pin.DebFile);
        if (File.Exists(deb) && Sha256Of(deb) == pin.Sha256.ToLowerInvariant())
        {
            Log.Information(
                "Package {Package} {Version} found in the download cache",
                pin.Package,
                pin.Version
            );
            return deb;
        }

        var partial = directory + ".partial";
        StageDirectory.DeleteIfPresent(partial);
        Directory.CreateDirectory(partial);
        Log.Information(
            "Downloading {Package}={Version} ({Suite})",
            pin.Package,
            pin.Version,
            pin.Suite
        );
        try
        {
            await DownloadAsync(pin, partial).ConfigureAwait(false);
        }
        catch (ToolFailedException) when (Environment.IsPrivilegedProcess)
        {
            // A fresh machine (or container) may have no package lists yet; refresh them once.
            Log.Information("Download failed; refreshing the host's package lists and retrying");
            await tools
                .RunAsync(HostTools.AptGet, c => c.WithArguments(["update", "-q"]))
                .ConfigureAwait(false);
            await DownloadOrExplainAsync(pin, pinFile, partial).ConfigureAwait(false);
        }
        catch (ToolFailedException e)
        {
            throw NotServed(pin, pinFile, e);
        }

        var downloaded = Path.Combine(partial, pin.DebFile);
        if (!File.Exists(downloaded))
        {
            throw new InputFileException(
                pinFile,
                $"apt-get download gave no {pin.DebFile} (found: {string.Join(", ", Directory.GetFiles(partial).Select(Path.GetFileName))})",
                "check fields 'package', 'version' and 'architecture'"
            );
        }
        var actual = Sha256Of(downloaded);
        if (actual != pin.Sha256.ToLowerInvariant())
        {
            throw new InputFileException(
                pinFile,
                $"{pin.DebFile} has sha256 {actual}, field 'sha256' pins {pin.Sha256}",
                "if the archive really changed the package, update 'version' and 'sha256' after checking the new file"
            );
        }
        StageDirectory.DeleteIfPresent(directory);
        Directory.Move(partial, directory);
        return deb;
    }

    private async Task DownloadOrExplainAsync(DebianBinaryPin pin, string pinFile, string directory)
    {
        try
        {
            await DownloadAsync(pin, directory).ConfigureAwait(false);
        }
        catch (ToolFailedException e)
        {
            throw NotServed(pin, pinFile, e);
        }
    }

    private async Task DownloadAsync(DebianBinaryPin pin, string directory)
    {
        var total = await SizeAsync(pin).ConfigureAwait(false);
        using var progress = new StepProgress($"Download {pin.Package}", ProgressUnit.Bytes);
        await using var watch = DownloadWatch.Start(directory, total, progress);
        await tools
            .RunAsync(
                HostTools.AptGet,
                c =>
                    c.WithArguments(AptArguments("download", pin.AptRequest))
                        .WithWorkingDirectory(directory)
            )
            .ConfigureAwait(false);
    }

    /// <summary>The .deb's size as apt's lists give it, for the progress total; null if apt cannot tell yet.</summary>
    private async Task<long?> SizeAsync(DebianBinaryPin pin)
    {
        try
        {
            var uris = await tools
                .CaptureAsync(
                    HostTools.AptGet,
                    c => c.WithArguments(AptArguments("download", "--print-uris", pin.AptRequest))
                )
                .ConfigureAwait(false);
            return AptUriList.TotalSize(uris.Split('\n'));
        }
        catch (ToolFailedException)
        {
            // No lists yet: the download itself fails and explains; progress goes without a total.
            return null;
        }
    }

    private static string[] AptArguments(params string[] command) =>
        [
            "-q",
            // As root apt would hand the download to the '_apt' user, who cannot
            // write into our cache; the file is checked by its sum anyway.
            "-o",
            $"APT::Sandbox::User={Environment.UserName}",
            .. command,
        ];

    private static InputFileException NotServed(
        DebianBinaryPin pin,
        string pinFile,
        ToolFailedException e
    ) =>
        new(
            pinFile,
            $"apt-get could not download {pin.Package}={pin.Version} (pinned from suite '{pin.Suite}'): {e.LastLines.LastOrDefault() ?? e.Message}",
            $"make the host's apt sources serve '{pin.Suite}' and run apt-get update, or pin a version `apt-cache policy {pin.Package}` lists (with its sha256)"
        );

    private static string Sha256Of(string file) => StageManifest.Sha256OfFile(file);
}
