using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Inputs;
using XenDemoCD.Build.IO;
using XenDemoCD.Build.Progress;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Debian;

/// <summary>
/// Fetches a pinned binary package with <c>apt-get download</c> into the download cache,
/// verifies its sha256, and reuses the cached file while it still matches. apt runs in a private
/// configuration (<see cref="PrivateApt.ForBinaries"/>) for the pin's release, so a bookworm host
/// fetches trixie's packages without touching its own apt setup, and without root.
/// </summary>
[OutputNeutral("the package it fetches is checked against the pin's SHA-256")]
public sealed class DebianBinaryFetcher(DownloadCache cache, ToolRunner tools)
{
    // The releases whose lists this fetcher has refreshed: Prerequisites fetches several pins of
    // one release in a row, and one `apt-get update` serves them all.
    private readonly HashSet<string> updatedReleases = [];

    /// <summary>The verified .deb's path.</summary>
    public async Task<string> FetchAsync(DebianBinaryPin pin, string pinFile)
    {
        using var cacheLock = await cache.LockAsync(tools.Cancellation).ConfigureAwait(false);
        var directory = Path.Combine(cache.Downloads, pin.Package, pin.Version);
        var deb = Path.Combine(directory, pin.DebFile);
        if (File.Exists(deb) && FileDigest.Sha256Of(deb) == pin.Sha256.ToLowerInvariant())
        {
            Log.Information(
                "Package {Package} {Version} found in the download cache",
                pin.Package,
                pin.Version
            );
            return deb;
        }

        var partial = directory + ".partial";
        DirectoryRemoval.DeleteIfPresent(partial);
        Directory.CreateDirectory(partial);
        Log.Information(
            "Downloading {Package}={Version} ({Suite})",
            pin.Package,
            pin.Version,
            pin.Suite
        );
        var release = HostAptSources.ReleaseOf(pin.Suite);
        var apt = PrivateApt.ForBinaries(
            Path.Combine(cache.Apt, "binaries", release),
            pin.Suite,
            pinFile
        );
        if (updatedReleases.Add(release))
        {
            await tools
                .RunAsync(HostTools.AptGet, c => c.WithArguments([.. apt.Options, "update"]))
                .ConfigureAwait(false);
        }
        try
        {
            await DownloadAsync(apt, pin, partial).ConfigureAwait(false);
        }
        catch (ToolFailedException e)
        {
            throw await NotServedAsync(apt, pin, pinFile, e).ConfigureAwait(false);
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
        var actual = FileDigest.Sha256Of(downloaded);
        if (actual != pin.Sha256.ToLowerInvariant())
        {
            throw new InputFileException(
                pinFile,
                $"{pin.DebFile} has sha256 {actual}, field 'sha256' pins {pin.Sha256}",
                "if the archive really changed the package, update 'version' and 'sha256' after checking the new file"
            );
        }
        DirectoryRemoval.DeleteIfPresent(directory);
        Directory.Move(partial, directory);
        return deb;
    }

    private async Task DownloadAsync(PrivateApt apt, DebianBinaryPin pin, string directory)
    {
        var total = await SizeAsync(apt, pin).ConfigureAwait(false);
        using var progress = new StepProgress($"Download {pin.Package}", ProgressUnit.Bytes);
        await using var watch = DownloadWatch.Start(directory, total, progress);
        await tools
            .RunAsync(
                HostTools.AptGet,
                c =>
                    c.WithArguments([.. apt.Options, "download", pin.AptRequest])
                        .WithWorkingDirectory(directory)
            )
            .ConfigureAwait(false);
    }

    /// <summary>The .deb's size as apt's lists give it, for the progress total; null if apt cannot tell yet.</summary>
    private async Task<long?> SizeAsync(PrivateApt apt, DebianBinaryPin pin)
    {
        try
        {
            var uris = await tools
                .CaptureAsync(
                    HostTools.AptGet,
                    c =>
                        c.WithArguments([
                            .. apt.Options,
                            "download",
                            "--print-uris",
                            pin.AptRequest,
                        ])
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

    /// <summary>
    /// Why the pinned version could not be fetched, with the versions the archive offers now
    /// (from <c>apt-cache madison</c> in the same configuration): a security update or a point
    /// release replaces a version, and the fix is to move the pin to one of these.
    /// </summary>
    private async Task<InputFileException> NotServedAsync(
        PrivateApt apt,
        DebianBinaryPin pin,
        string pinFile,
        ToolFailedException e
    )
    {
        var offered = await OfferedVersionsAsync(apt, pin).ConfigureAwait(false);
        if (offered.Count == 0)
        {
            return InputJson.FieldError(
                pinFile,
                "package",
                $"the archive serves no {pin.Package} for {pin.Architecture} in the '{HostAptSources.ReleaseOf(pin.Suite)}' suites ({e.LastLines.LastOrDefault() ?? e.Message})",
                $"check the package name (`apt-cache search`), or make the host's apt sources reach suite '{pin.Suite}'"
            );
        }
        return InputJson.FieldError(
            pinFile,
            "version",
            $"the archive no longer serves {pin.Package} {pin.Version} (pinned from suite '{pin.Suite}'); it offers {string.Join(", ", offered.Take(6))}",
            $"move the pin to one of these: set 'version' and 'suite', then `apt-get download {pin.Package}=VERSION` and put the .deb's `sha256sum` in 'sha256'"
        );
    }

    private async Task<IReadOnlyList<string>> OfferedVersionsAsync(
        PrivateApt apt,
        DebianBinaryPin pin
    )
    {
        try
        {
            var madison = await tools
                .CaptureAsync(
                    HostTools.AptCache,
                    c => c.WithArguments([.. apt.Options, "madison", pin.Package])
                )
                .ConfigureAwait(false);
            return AptMadison.Offers(madison, pin.Package, pin.Architecture);
        }
        catch (ToolFailedException)
        {
            return [];
        }
    }
}
