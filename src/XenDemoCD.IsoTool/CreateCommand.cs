using System.Globalization;
using System.IO.Enumeration;
using XenDemoCD.Iso9660;

namespace XenDemoCD.IsoTool;

internal static class CreateCommand
{
    public static int Run(Arguments arguments, TextWriter output, TextWriter error)
    {
        var source = arguments.Positional(0);
        var target = arguments.Get("--output") ?? throw arguments.Error("missing -o OUT.iso");
        var timestamp = Timestamp(arguments);
        var volumeId = VolumeIdentifier.Resolve(
            arguments.Get("--volid") ?? "CDROM",
            arguments.Has("--map-volid"),
            arguments,
            error
        );
        var tree = new IsoTree();
        var ownerRoot = arguments.Has("--owner-root");
        tree.AddFromDisk(
            source,
            "/",
            new DiskImportOptions { Uid = ownerRoot ? 0 : null, Gid = ownerRoot ? 0 : null }
        );
        if (arguments.Get("--permissions") is { } table)
        {
            using var reader = File.OpenText(table);
            tree.Apply(MetadataOverride.ParseTable(reader));
        }
        var globs = arguments.All("--zisofs");
        if (globs.Count > 0)
        {
            foreach (var file in tree.Walk().OfType<TreeFile>())
            {
                if (
                    globs.Any(g =>
                        FileSystemName.MatchesSimpleExpression(
                            g.TrimStart('/'),
                            file.Path.TrimStart('/'),
                            ignoreCase: false
                        )
                    )
                )
                {
                    file.Zisofs = file.Content.Length > 0;
                }
            }
        }
        var bios = arguments.Get("--bios-boot");
        var efi = arguments.Get("--efi-boot");
        var mbr = arguments.Get("--grub2-mbr");
        var options = new IsoImageOptions
        {
            Timestamp = timestamp,
            VolumeId = volumeId,
            PublisherId = arguments.Get("--publisher") ?? "",
            DataPreparerId = arguments.Get("--preparer") ?? "",
            ApplicationId = arguments.Get("--application") ?? "",
            Joliet = !arguments.Has("--no-joliet"),
            FileTimes = arguments.Get("--file-times") switch
            {
                null or "clamp" => FileTimePolicy.ClampToTimestamp,
                "keep" => FileTimePolicy.FromEntries,
                _ => FileTimePolicy.Timestamp, // "fixed"; the parser allows nothing else
            },
            Boot =
                bios is null && efi is null
                    ? null
                    : new ElToritoOptions
                    {
                        BiosImage = bios,
                        EfiImage = efi,
                        HideBootFiles = arguments.Has("--hide-boot-files"),
                        CatalogPath = arguments.Get("--boot-catalog") ?? "boot.catalog",
                    },
            Hybrid = mbr is null
                ? null
                : new GrubHybridOptions { MbrTemplate = File.ReadAllBytes(mbr) },
        };
        var size = IsoWriter.WriteFile(tree, options, target);
        output.WriteLine($"{target}: {size} bytes ({size / 2048} blocks)");
        return 0;
    }

    /// <summary>--date: epoch seconds, an ISO 8601 date, or "now"; default $SOURCE_DATE_EPOCH.</summary>
    private static DateTimeOffset Timestamp(Arguments arguments)
    {
        var source = "--date";
        var date = arguments.Get("--date");
        if (date is null)
        {
            source = "$SOURCE_DATE_EPOCH";
            date = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        }
        if (date is null)
        {
            throw arguments.Error(
                "no timestamp: set SOURCE_DATE_EPOCH or pass --date EPOCH|ISO-DATE|now"
            );
        }
        if (date == "now")
        {
            return DateTimeOffset.UtcNow;
        }
        if (
            long.TryParse(date, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        )
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        if (
            DateTimeOffset.TryParse(
                date,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var parsed
            )
        )
        {
            return parsed;
        }
        throw arguments.Error(
            $"{source} '{date}' is not epoch seconds, an ISO 8601 date (2024-01-31T12:00:00Z) or 'now'"
        );
    }
}
