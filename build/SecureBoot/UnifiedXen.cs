using System.Globalization;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.SecureBoot;

/// <summary>
/// Xen as one EFI image with its configuration, the dom0 kernel and the initrd inside (Xen's
/// <c>docs/misc/efi.pandoc</c>, "Unified Xen kernel image"): xen.efi without its debug sections,
/// and the three files as the sections <c>.config</c>, <c>.kernel</c> and <c>.ramdisk</c>, each
/// at the next section-aligned address after the last. Signed whole, the image's signature covers
/// all four, and Xen does not ask shim to verify a kernel it carries.
/// </summary>
public sealed class UnifiedXen(ToolRunner tools, DateTimeOffset time)
{
    /// <summary>
    /// Writes the unified image to <paramref name="output"/>, and Xen alone without its debug
    /// sections to <paramref name="stripped"/> (the CD's <c>/boot/xen.efi</c>, from which a
    /// rebuild of the unpacked CD makes the same image again).
    /// </summary>
    public async Task MakeAsync(
        string xenEfi,
        string config,
        string kernel,
        string initrd,
        string stripped,
        string output
    )
    {
        await tools.RunAsync(
            HostTools.Objcopy,
            c => c.WithArguments(["--strip-debug", xenEfi, stripped])
        );
        PeImage.Stamp(stripped, time);
        var image = PeImage.Read(stripped);
        var next = Align(image.Sections.Max(s => s.End), image.SectionAlignment);
        var arguments = new List<string>();
        foreach (
            var (section, file) in new[]
            {
                (".config", config),
                (".kernel", kernel),
                (".ramdisk", initrd),
            }
        )
        {
            var address = image.ImageBase + next;
            arguments.AddRange([
                "--add-section",
                $"{section}={file}",
                "--change-section-vma",
                $"{section}=0x{address.ToString("x", CultureInfo.InvariantCulture)}",
            ]);
            next = Align(next + (ulong)new FileInfo(file).Length, image.SectionAlignment);
        }
        await tools.RunAsync(
            HostTools.Objcopy,
            c => c.WithArguments([.. arguments, stripped, output])
        );
        PeImage.Stamp(output, time);
        // Xen applies its own relocations at start, reading them from its .reloc section in
        // memory. PE marks .reloc discardable (binutils always does), and shim's loader, which
        // loads the image under Secure Boot, does not copy discardable sections: Xen then read
        // whatever the memory held and stopped with "Unsupported relocation type" (the failure
        // others reported starting a unified Xen from shim). Kept loaded, the section is there.
        PeImage.KeepLoaded(output, ".reloc");
    }

    /// <summary><paramref name="value"/> rounded up to a multiple of <paramref name="alignment"/>.</summary>
    public static ulong Align(ulong value, uint alignment) =>
        alignment <= 1 ? value : (value + alignment - 1) / alignment * alignment;
}
