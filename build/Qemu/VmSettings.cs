namespace XenDemoCD.Build.Qemu;

/// <summary>How <c>--target=Run</c> boots the ISO.</summary>
public sealed record VmSettings(
    string? Iso,
    Firmware Firmware,
    BootMedia Media,
    int MemoryMiB,
    bool Window
) { }
