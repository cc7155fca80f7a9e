using System.Globalization;
using Serilog;
using XenDemoCD.Build.Cd;
using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Stages;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tasks;

/// <summary>
/// GRUB for the CD: the menu from <c>grub/</c>, the BIOS El Torito image, <c>BOOTX64.EFI</c> in a
/// FAT ESP image (made reproducible: fixed serial and dates), GRUB's modules for both platforms,
/// and <c>boot_hybrid.img</c>, the MBR that lets the ISO boot from a USB stick. Output: a
/// <c>cd/</c> tree that goes onto the CD as it is, and the MBR template beside it. GRUB itself
/// comes from the CD's own Debian root (<see cref="RootGrub"/>), not from the build host.
/// </summary>
[TaskName(nameof(BootLoader))]
[TaskDescription("Makes GRUB's BIOS and UEFI boot images and the menu from grub/")]
[IsDependentOn(typeof(RootBootstrap))]
public sealed class BootLoader : StageTask
{
    public override IEnumerable<InputCheck> InputChecks(BuildContext context) =>
        [
            new(
                context.Paths.InRoot("grub", "grub.cfg.in"),
                () =>
                    GrubMenu.Check(
                        context.Paths.InRoot("grub", "grub.cfg.in"),
                        context.Paths.InRoot("grub", "menu.json"),
                        GrubMenu.BuildValueNames
                    )
            ),
        ];

    public const string CdTree = "cd";
    public const string HybridMbr = "boot_hybrid.img";

    // Built into both core images: enough to find the CD and read the menu; the rest is loaded
    // from the CD's module directories.
    private static readonly string[] CoreModules =
    [
        "iso9660",
        "part_msdos",
        "part_gpt",
        "fat",
        "search",
        "search_fs_file",
        "configfile",
        "normal",
        "echo",
        "serial",
        "terminal",
    ];

    public override IEnumerable<HostTool> RequiredTools(BuildContext context) =>
        [HostTools.MkfsFat, HostTools.Mcopy];

    protected override async Task DescribeInputsAsync(BuildContext context, StageManifest manifest)
    {
        // GRUB's files come from the base root, so its manifest (the package versions) is an input.
        await AddUpstreamAsync<RootBootstrap>(context, manifest);
        manifest.AddTree("grub", context.Paths.InRoot("grub"));
        manifest.Add("version-id", context.Settings.VersionId);
        manifest.Add(
            "SOURCE_DATE_EPOCH",
            context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture)
        );
        manifest.Add("mtools", DebianPackageVersion.Of("mtools"));
        manifest.Add("dosfstools", DebianPackageVersion.Of("dosfstools"));
    }

    protected override async Task BuildAsync(BuildContext context, string output)
    {
        var tools = context.ToolsFor(Name);
        var cd = Path.Combine(output, CdTree);
        var grub = Directory.CreateDirectory(Path.Combine(cd, "boot", "grub")).FullName;
        var scratch = Directory.CreateDirectory(Path.Combine(output, "scratch")).FullName;
        var root = RootGrub.Extract(
            // The path, not RootBootstrap itself: its code is not BootLoader's (its manifest is an input).
            Path.Combine(context.Paths.StageOutput(nameof(RootBootstrap)), RootBootstrap.Archive),
            Path.Combine(scratch, "root")
        );

        var menu = GrubMenu.Render(
            context.Paths.InRoot("grub", "grub.cfg.in"),
            context.Paths.InRoot("grub", "menu.json"),
            new Dictionary<string, string> { ["XENDEMO_VERSION"] = context.Settings.VersionId }
        );
        await File.WriteAllTextAsync(Path.Combine(cd, CdLayout.GrubConfig), menu);

        var embedded = Path.Combine(scratch, "embedded.cfg");
        await File.WriteAllTextAsync(
            embedded,
            $"search --no-floppy --file --set=root {CdLayout.Marker}\nset prefix=($root)/boot/grub\nconfigfile $prefix/grub.cfg\n"
        );

        foreach (var platform in new[] { "i386-pc", "x86_64-efi" })
        {
            CopyModules(
                root.Modules(platform),
                Directory.CreateDirectory(Path.Combine(grub, platform)).FullName
            );
        }
        await MakeImageAsync(
            tools,
            root,
            "i386-pc-eltorito",
            Path.Combine(cd, CdLayout.BiosBootImage),
            embedded,
            ["biosdisk", .. CoreModules]
        );
        var efi = Path.Combine(
            Directory.CreateDirectory(Path.Combine(cd, "EFI", "BOOT")).FullName,
            "BOOTX64.EFI"
        );
        await MakeImageAsync(tools, root, "x86_64-efi", efi, embedded, CoreModules);
        await MakeEspAsync(context, tools, efi, Path.Combine(cd, CdLayout.EfiBootImage), scratch);
        File.Copy(
            Path.Combine(root.Modules("i386-pc"), HybridMbr),
            Path.Combine(output, HybridMbr)
        );

        Directory.Delete(scratch, recursive: true);
        StampTree(cd, context.Settings.SourceDate);
        Log.Information(
            "GRUB: BIOS image {Bios:N0} bytes, EFI {Efi:N0} bytes, ESP image {Esp:N0} bytes",
            new FileInfo(Path.Combine(cd, CdLayout.BiosBootImage)).Length,
            new FileInfo(efi).Length,
            new FileInfo(Path.Combine(cd, CdLayout.EfiBootImage)).Length
        );
    }

    private static Task MakeImageAsync(
        ToolRunner tools,
        RootGrub root,
        string format,
        string image,
        string embedded,
        string[] modules
    ) =>
        tools.RunAsync(
            root.MkimageTool,
            c =>
                c.WithArguments([
                    .. root.MkimagePrefix,
                    "-d",
                    root.Modules(format == "x86_64-efi" ? "x86_64-efi" : "i386-pc"),
                    "-O",
                    format,
                    "-o",
                    image,
                    "-p",
                    "/boot/grub",
                    "-c",
                    embedded,
                    .. modules,
                ])
        );

    // The FAT image holds only \EFI\BOOT\BOOTX64.EFI. --invariant fixes the volume serial and
    // FAT's own times; SOURCE_DATE_EPOCH and the file's mtime fix the entries mtools writes.
    private static async Task MakeEspAsync(
        BuildContext context,
        ToolRunner tools,
        string efi,
        string esp,
        string scratch
    )
    {
        var sizeKiB = Math.Max(1440, (new FileInfo(efi).Length / 1024 + 512) / 512 * 512);
        var epoch = context.Settings.SourceDateEpoch.ToString(CultureInfo.InvariantCulture);
        File.SetLastWriteTimeUtc(efi, context.Settings.SourceDate.UtcDateTime);
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
        await tools.RunAsync(
            HostTools.Mmd,
            c =>
                c.WithArguments(["-i", esp, "::/EFI", "::/EFI/BOOT"])
                    .WithEnvironmentVariables(mtoolsEnv)
        );
        await tools.RunAsync(
            HostTools.Mcopy,
            c =>
                c.WithArguments(["-m", "-i", esp, efi, "::/EFI/BOOT/BOOTX64.EFI"])
                    .WithEnvironmentVariables(mtoolsEnv)
        );
    }

    private static void CopyModules(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            throw new InvalidOperationException(
                $"{from} is missing: usr-layout/bootstrap.json must list the GRUB package for that platform (grub-pc-bin, grub-efi-amd64-bin)."
            );
        }
        foreach (
            var file in Directory
                .GetFiles(from)
                .Where(f =>
                    f.EndsWith(".mod", StringComparison.Ordinal)
                    || f.EndsWith(".lst", StringComparison.Ordinal)
                )
        )
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static void StampTree(string directory, DateTimeOffset time)
    {
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, time.UtcDateTime);
        }
    }
}
