using XenDemoCD.Iso9660;

namespace XenDemoCD.IsoTool;

/// <summary>isotool create | ls | extract | info — a thin front end over XenDemoCD.Iso9660.</summary>
internal static class Cli
{
    public const string Usage = """
        usage:
          isotool create DIR -o OUT.iso [--volid ID] [--date EPOCH|ISO-DATE|now]
                         [--bios-boot PATH] [--efi-boot PATH] [--grub2-mbr FILE]
                         [--hide-boot-files] [--boot-catalog PATH] [--owner-root]
                         [--joliet|--no-joliet] [--zisofs GLOB]... [--file-times keep|clamp|fixed]
                         [--permissions TABLE] [--publisher ID] [--preparer ID] [--application ID]
          isotool ls [-l] [--view auto|rockridge|joliet|plain] ISO
          isotool extract ISO DIR [--view …]
          isotool info ISO

        create: --date defaults to $SOURCE_DATE_EPOCH; the clock is used only with --date=now.
        --bios-boot/--efi-boot name files inside DIR (GRUB's eltorito.img, a FAT efi.img).
        --permissions reads 'path type mode uid gid [major minor]' lines (type f d l c b p s -).
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var arguments = new Arguments(args);
            return arguments.Command switch
            {
                "create" => CreateCommand.Run(arguments, output),
                "ls" => ListCommand.Run(arguments, output),
                "extract" => ExtractCommand.Run(arguments, output),
                "info" => InfoCommand.Run(arguments, output),
                _ => Fail(error, Usage),
            };
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

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return 2;
    }
}

/// <summary>GNU-style options: --name value, --name=value, flags, and positional arguments.</summary>
internal sealed class Arguments
{
    private static readonly HashSet<string> Flags =
    [
        "--hide-boot-files",
        "--owner-root",
        "--joliet",
        "--no-joliet",
        "-l",
    ];

    private readonly Dictionary<string, List<string>> options = [];

    public Arguments(string[] args)
    {
        Command = args.Length > 0 ? args[0] : "";
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith('-') && arg.Length > 1)
            {
                var equals = arg.IndexOf('=');
                var name = equals > 0 ? arg[..equals] : arg;
                string value;
                if (equals > 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (Flags.Contains(name))
                {
                    value = "";
                }
                else if (i + 1 < args.Length)
                {
                    value = args[++i];
                }
                else
                {
                    throw new ArgumentException($"{name} needs a value");
                }
                if (!options.TryGetValue(name, out var list))
                {
                    options[name] = list = [];
                }
                list.Add(value);
            }
            else
            {
                Positional.Add(arg);
            }
        }
    }

    public string Command { get; }

    public List<string> Positional { get; } = [];

    public bool Has(string name) => options.ContainsKey(name);

    public string? Get(string name) => options.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> All(string name) =>
        options.TryGetValue(name, out var list) ? list : [];

    public string Require(int index, string what) =>
        index < Positional.Count
            ? Positional[index]
            : throw new ArgumentException($"missing {what}\n{Cli.Usage}");

    public IsoView View =>
        Get("--view") switch
        {
            null or "auto" => IsoView.Auto,
            "rockridge" or "rr" => IsoView.RockRidge,
            "joliet" => IsoView.Joliet,
            "plain" => IsoView.Plain,
            var other => throw new ArgumentException($"unknown view '{other}'"),
        };
}
