using System.Globalization;
using XenDemoCD.Build.Host;

namespace XenDemoCD.Build.Boot;

/// <summary>How <c>--target=Run</c> boots the ISO.</summary>
public sealed record VmSettings(
    string? Iso,
    Firmware Firmware,
    BootMedia Media,
    int MemoryMiB,
    bool Window
)
{
    public static VmSettings From(ParsedArguments arguments) =>
        new(
            arguments.Get(BuildOptions.Iso.Name) is { } iso ? Path.GetFullPath(iso) : null,
            arguments.Get(BuildOptions.Firmware.Name) switch
            {
                null or "bios" => Firmware.Bios,
                "uefi" => Firmware.Uefi,
                var other => throw new CommandLineException(
                    $"--firmware={other}: use bios or uefi."
                ),
            },
            arguments.Get(BuildOptions.Media.Name) switch
            {
                null or "cd" => BootMedia.Cd,
                "usb" => BootMedia.Usb,
                var other => throw new CommandLineException($"--media={other}: use cd or usb."),
            },
            arguments.Get(BuildOptions.Memory.Name) is { } memory
                ? int.TryParse(memory, NumberStyles.None, CultureInfo.InvariantCulture, out var mib)
                && mib >= 512
                    ? mib
                    : throw new CommandLineException(
                        $"--memory={memory}: give MiB, at least 512 (Xen, dom0 and the RAM root need it)."
                    )
                : 2048,
            arguments.Get(BuildOptions.Display.Name) switch
            {
                null or "serial" => false,
                "window" => true,
                var other => throw new CommandLineException(
                    $"--display={other}: use serial or window."
                ),
            }
        );
}
