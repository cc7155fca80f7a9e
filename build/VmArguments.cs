using System.Globalization;
using XenDemoCD.Build.Host;
using XenDemoCD.Build.Qemu;

namespace XenDemoCD.Build;

/// <summary><c>--iso</c>, <c>--firmware</c>, <c>--media</c>, <c>--memory</c>, <c>--display</c>, <c>--web-port</c>: how Run boots the ISO.</summary>
public static class VmArguments
{
    public static VmSettings Read(ParsedArguments arguments) =>
        new VmSettings(
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
        )
        {
            WebPort = arguments.Get(BuildOptions.WebPort.Name) is { } port
                ? int.TryParse(
                    port,
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var number
                ) && number is >= 1024 and <= 65535
                    ? number
                    : throw new CommandLineException(
                        $"--web-port={port}: give a TCP port from 1024 to 65535 (unprivileged, on the build host's 127.0.0.1)."
                    )
                : VmSettings.DefaultWebPort,
        };
}
