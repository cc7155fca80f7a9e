using XenDemoCD.Iso9660;

namespace XenDemoCD.IsoTool;

/// <summary>isotool create | ls | extract | info — a thin front end over XenDemoCD.Iso9660.</summary>
internal static class Cli
{
    public const string Usage = """
        usage:
          isotool create DIR -o OUT.iso [--volid ID [--map-volid]] [--date EPOCH|ISO-DATE|now]
                         [--bios-boot PATH] [--efi-boot PATH] [--grub2-mbr FILE]
                         [--hide-boot-files] [--boot-catalog PATH] [--owner-root]
                         [--joliet|--no-joliet] [--zisofs GLOB]... [--file-times keep|clamp|fixed]
                         [--permissions TABLE] [--publisher ID] [--preparer ID] [--application ID]
          isotool ls [-l] [--view auto|rockridge|joliet|plain] [--strict] ISO
          isotool extract [--view auto|rockridge|joliet|plain] [--strict] [--overwrite] ISO DIR
          isotool info ISO
          isotool --help

        create: --date defaults to $SOURCE_DATE_EPOCH; the clock is used only with --date=now.
        --volid takes 1 to 32 of A-Z 0-9 _; --map-volid maps any other text onto those.
        --bios-boot/--efi-boot name files inside DIR (GRUB's eltorito.img, a FAT efi.img).
        --permissions reads 'path type mode uid gid [major minor]' lines (type f d l c b p s -).
        --view auto (the default) reads Rock Ridge when the image has it, else Joliet, else
        plain ISO 9660 names; damaged Rock Ridge is an error unless another view is asked for.
        One damaged Rock Ridge entry is a warning (the entry keeps its ISO 9660 name and loses
        its Rock Ridge metadata); --strict makes it an error.
        extract refuses to replace existing files unless --overwrite is given.
        Exit codes: 0 done, 1 failed (bad image, I/O error, existing files), 2 bad command line.
        """;

    private static readonly string[] Views = ["auto", "rockridge", "joliet", "plain"];

    public static readonly IReadOnlyList<CommandSpec> Commands =
    [
        new(
            "create",
            ["source directory DIR"],
            [
                new("--output", Alias: "-o"),
                new("--volid"),
                new("--map-volid", TakesValue: false),
                new("--date"),
                new("--bios-boot"),
                new("--efi-boot"),
                new("--grub2-mbr"),
                new("--hide-boot-files", TakesValue: false),
                new("--boot-catalog"),
                new("--owner-root", TakesValue: false),
                new("--joliet", TakesValue: false),
                new("--no-joliet", TakesValue: false),
                new("--zisofs", Repeatable: true),
                new("--file-times", Values: ["keep", "clamp", "fixed"]),
                new("--permissions"),
                new("--publisher"),
                new("--preparer"),
                new("--application"),
            ],
            CreateCommand.Run
        ),
        new(
            "ls",
            ["image ISO"],
            [
                new("-l", TakesValue: false),
                new("--view", Values: Views),
                new("--strict", TakesValue: false),
            ],
            ListCommand.Run
        ),
        new(
            "extract",
            ["image ISO", "target directory DIR"],
            [
                new("--view", Values: Views),
                new("--strict", TakesValue: false),
                new("--overwrite", TakesValue: false),
            ],
            ExtractCommand.Run
        ),
        new("info", ["image ISO"], [], InfoCommand.Run),
    ];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var command = Command(args);
            return command.Run(Arguments.Parse(command, Commands, args[1..]), output, error);
        }
        catch (HelpRequestedException)
        {
            output.WriteLine(Usage);
            return 0;
        }
        catch (UsageException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(Usage);
            return 2;
        }
        catch (Exception e)
            when (e
                    is IsoFormatException
                        or IOException
                        or ArgumentException
                        or FormatException
                        or InvalidOperationException
                        or UnauthorizedAccessException
            )
        {
            error.WriteLine($"isotool: {e.Message}");
            return 1;
        }
    }

    private static CommandSpec Command(string[] args)
    {
        if (args.Length == 0)
        {
            throw new UsageException("isotool: missing command");
        }
        if (args[0] is "-h" or "--help" or "help")
        {
            throw new HelpRequestedException();
        }
        if (Commands.FirstOrDefault(c => c.Name == args[0]) is { } command)
        {
            return command;
        }
        var names = Commands.Select(c => c.Name).ToList();
        var nearest = NearestName.Find(args[0], names);
        var hint = nearest is null ? "" : $"did you mean {nearest}? ";
        throw new UsageException(
            $"isotool: unknown command '{args[0]}' ({hint}commands: {string.Join(", ", names)})"
        );
    }
}
