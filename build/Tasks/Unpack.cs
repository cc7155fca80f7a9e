using Serilog;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Unpacking;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// <c>--target=Unpack --iso=PATH --into=DIR</c>: turns a XenDemoCD (an ISO file, a device such
/// as /dev/sr0, or the directory where it is mounted) back into a build directory; then
/// <c>cd DIR &amp;&amp; ./build.sh</c> rebuilds it from the unpacked root (README.md, "Unpack, change, rebuild").
/// </summary>
[TaskName(nameof(Unpack))]
[TaskDescription(
    "Unpacks a XenDemoCD (--iso=ISO|DEVICE|MOUNTED-DIR) into a build directory (--into=DIR)"
)]
public sealed class Unpack : BuildTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException(
                "Unpack restores owners, links and devices, which needs Linux."
            );
        }
        var (iso, into) = Arguments(context);
        var started = DateTime.UtcNow;
        var result = Unpacker.Unpack(iso, into, cancellation: context.Cancellation);
        if (!result.Exact)
        {
            Log.Warning(
                "Read through the mounted files: hard links became copies; run as root or give the device (e.g. --iso=/dev/sr0) for an exact unpack"
            );
        }
        if (result.NotOnDisk.Count > 0)
        {
            Log.Warning(
                "{Count} device nodes could not be made without root; {Table} keeps them and the rebuild restores them",
                result.NotOnDisk.Count,
                RootMetadataTable.FileName
            );
        }
        if (!result.OwnersRestored)
        {
            Log.Information(
                "Not root: files in root/ are yours; their real owners are in {Table}",
                RootMetadataTable.FileName
            );
        }
        Log.Information(
            "Unpacked {Source} into {Into} in {Elapsed:mm\\:ss}: root/ {Root:N0} entries, build system {Build:N0} files, prebuilt/ {Prebuilt:N0} entries. Next: cd {Into} && ./build.sh",
            result.Source,
            Path.GetFullPath(into),
            DateTime.UtcNow - started,
            result.RootEntries,
            result.BuildSystemFiles,
            result.PrebuiltEntries,
            Path.GetFullPath(into)
        );
        if (result.SourceArchives > 0)
        {
            Log.Information(
                "{Count} source archives (--with-sources) into {Cache}: ./build.sh --with-sources (or --release) reuses them instead of downloading them",
                result.SourceArchives,
                UnpackedLayout.SourcesDirectory
            );
        }
        context.Outcomes.Note(nameof(Unpack), $"{result.RootEntries:N0} root entries into {into}");
    }

    // Checked with the other inputs, so that --dryrun (and the run itself) stops at once.
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [
            new(
                context.Settings.Vm.Iso ?? "--iso",
                () => IsoArgument.RequireExists(Arguments(context).Iso)
            ),
        ];

    private static (string Iso, string Into) Arguments(BuildContext context) =>
        (
            context.Settings.Vm.Iso
                ?? throw new CommandLineException(
                    "Unpack needs --iso=PATH: an ISO file, a device such as /dev/sr0, or the directory where the CD is mounted."
                ),
            context.Settings.UnpackInto
                ?? throw new CommandLineException(
                    "Unpack needs --into=DIR: a new or empty directory for the build system and the root tree."
                )
        );

    public override string Explain(BuildContext context) =>
        $"would unpack {context.Settings.Vm.Iso ?? "(--iso missing)"} into {context.Settings.UnpackInto ?? "(--into missing)"}";
}
