namespace XenDemoCD.Build.Qemu;

/// <summary>
/// What QEMU's own loader boots (-kernel, -append, -initrd): Linux with an initrd, or Xen, which
/// is multiboot, with its modules.
/// </summary>
public sealed record DirectKernel(IReadOnlyList<string> Arguments)
{
    /// <summary>A Linux kernel image with its initrd and command line.</summary>
    public static DirectKernel Linux(string kernel, string initrd, string commandLine) =>
        new(["-kernel", kernel, "-initrd", initrd, "-append", commandLine]);

    /// <summary>
    /// Xen with its command line and modules (the dom0 kernel first, then its initrd), each with
    /// its own command line. QEMU loads a multiboot kernel only uncompressed; its -initrd list is
    /// comma-separated, so a comma inside a module's command line is written twice.
    /// </summary>
    public static DirectKernel XenMultiboot(
        string uncompressedXen,
        string commandLine,
        params (string File, string CommandLine)[] modules
    ) =>
        new([
            "-kernel",
            uncompressedXen,
            "-append",
            commandLine,
            "-initrd",
            string.Join(
                ",",
                modules.Select(module =>
                    (
                        module.CommandLine.Length == 0
                            ? module.File
                            : $"{module.File} {module.CommandLine}"
                    ).Replace(",", ",,", StringComparison.Ordinal)
                )
            ),
        ]);
}
