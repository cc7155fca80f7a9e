namespace XenDemoCD.Build.Qemu;

/// <summary>How <c>--target=Run</c> boots the ISO.</summary>
public sealed record VmSettings(
    string? Iso,
    Firmware Firmware,
    BootMedia Media,
    int MemoryMiB,
    bool Window
)
{
    public const int DefaultWebPort = 9090;

    /// <summary>The host port forwarded to dom0's Cockpit (<c>--web-port</c>).</summary>
    public int WebPort { get; init; } = DefaultWebPort;
}
