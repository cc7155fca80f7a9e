using Serilog;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.RootFs;

/// <summary>
/// The base root as Debian's archive makes it: the packages of <c>usr-layout/bootstrap.json</c>
/// (the toolstack pinned to the hypervisor's version), resolved to exact versions first, then
/// bootstrapped by mmdebstrap into a tarball.
/// </summary>
/// <param name="configFile">bootstrap.json, blamed for a pin the archive no longer serves.</param>
/// <param name="hypervisorPinFile">the hypervisor's pin, blamed for a toolstack version the archive no longer serves.</param>
public sealed class DebianBaseRoot(
    Mmdebstrap mmdebstrap,
    BootstrapConfig config,
    IReadOnlyList<string> packages,
    string configFile,
    string hypervisorPinFile
)
{
    public BootstrapConfig Config => config;

    /// <summary>The packages asked for, <c>name</c> or <c>name=version</c>.</summary>
    public IReadOnlyList<string> Packages => packages;

    /// <summary>
    /// What mmdebstrap would install, by its own <c>--simulate</c> with the same arguments
    /// (copying its selection of essential and required packages into an apt-get call would
    /// drift). It costs an index download, about 15 seconds. It may name a package more than
    /// the root gets, never one less: the second phase is simulated without the essential
    /// packages installed, so a dependency one of them provides is met by the real package
    /// (bookworm: lsb-base, which sysvinit-utils provides).
    /// </summary>
    public async Task<ResolvedPackages> ResolveAsync(string scratch)
    {
        var started = DateTime.UtcNow;
        var (resolved, lines) = await mmdebstrap.SimulateAsync([.. packages], scratch);
        if (resolved is null)
        {
            if (ResolvedPackages.MissingVersion(lines) is { } missing)
            {
                throw await NotServedAsync(missing, scratch);
            }
            throw new InvalidOperationException(
                $"mmdebstrap --simulate could not resolve the base root's packages: {string.Join(" | ", lines.TakeLast(5))}"
            );
        }
        Log.Information(
            "Resolved the base root: {Count} packages in {Elapsed:mm\\:ss\\.f}",
            resolved.Versions.Count,
            DateTime.UtcNow - started
        );
        return resolved;
    }

    /// <summary>Bootstraps the root into <paramref name="archive"/> (an uncompressed tar).</summary>
    public Task BootstrapAsync(string archive, long sourceDateEpoch) =>
        mmdebstrap.BootstrapAsync(packages, archive, sourceDateEpoch);

    /// <summary>A pinned version the archive no longer serves: named, with what it serves now.</summary>
    private async Task<Exception> NotServedAsync(
        (string Package, string Version) missing,
        string scratch
    )
    {
        var unpinned = packages
            .Select(p => p == $"{missing.Package}={missing.Version}" ? missing.Package : p)
            .ToList();
        var (served, _) = await mmdebstrap.SimulateAsync(unpinned, scratch);
        var now = served?.Versions.GetValueOrDefault(missing.Package) is { } version
            ? $"it serves {version}"
            : "it serves no version of it";
        var fromHypervisor = !config.Packages.Contains($"{missing.Package}={missing.Version}");
        return new InputFileException(
            fromHypervisor ? hypervisorPinFile : configFile,
            $"{missing.Package} {missing.Version} is pinned{(fromHypervisor ? " (the toolstack follows the hypervisor's version)" : "")}, but the archive no longer serves that version; {now}",
            fromHypervisor
                ? "pin the hypervisor source to the version the archive serves, or use apt sources (a snapshot) that still serve this one"
                : "pin the version the archive serves, or use apt sources (a snapshot) that still serve this one"
        );
    }
}
