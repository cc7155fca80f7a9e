using XenDemoCD.Build.Host;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.SecureBoot;

/// <summary>
/// Compiles <c>secureboot/launcher/xen-launcher.c</c> into an EFI application with Debian's
/// gnu-efi: the program GRUB's Secure Boot entries chainload to start Xen from the ESP's
/// filesystem (the C file says why). gcc and ld make an ELF shared object with gnu-efi's start
/// code and linker script; objcopy turns it into PE, keeping the SBAT section the source declares.
/// </summary>
public sealed class XenLauncher(ToolRunner tools, DateTimeOffset time)
{
    public const string Source = "secureboot/launcher/xen-launcher.c";

    /// <summary>gnu-efi's files, where Debian's package installs them.</summary>
    public static readonly HostTool GnuEfi = HostTool.Package("gnu-efi");
    private const string Headers = "/usr/include/efi";
    private const string StartCode = "/usr/lib/crt0-efi-x86_64.o";
    private const string LinkerScript = "/usr/lib/elf_x86_64_efi.lds";
    private const string Libraries = "/usr/lib";

    private static readonly string[] CompileFlags =
    [
        "-O2",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-fpic",
        "-fshort-wchar",
        "-ffreestanding",
        "-fno-stack-protector",
        "-fno-stack-check",
        "-mno-red-zone",
        "-maccumulate-outgoing-args",
        // Every call to firmware through the Microsoft ABI gcc knows, not gnu-efi's wrapper.
        "-DGNU_EFI_USE_MS_ABI",
    ];

    // What the PE keeps of the shared object: code, data, relocations and the SBAT entry.
    private static readonly string[] PeSections =
    [
        ".text",
        ".sdata",
        ".data",
        ".dynamic",
        ".dynsym",
        ".rel",
        ".rela",
        ".rel.*",
        ".rela.*",
        ".reloc",
        ".sbat",
    ];

    /// <summary>Builds <paramref name="source"/> into <paramref name="output"/>, unsigned, in <paramref name="work"/>.</summary>
    public async Task MakeAsync(string source, string version, string work, string output)
    {
        foreach (var file in new[] { StartCode, LinkerScript, Path.Combine(Headers, "efi.h") })
        {
            if (!File.Exists(file))
            {
                // Prerequisites checked the package; a file gone since means a broken install.
                throw new ToolNotFoundException(GnuEfi, $"SecureBoot (no {file})");
            }
        }
        var objectFile = Path.Combine(work, "xen-launcher.o");
        var shared = Path.Combine(work, "xen-launcher.so");
        await tools.RunAsync(
            HostTools.Gcc,
            c =>
                c.WithArguments([
                    .. CompileFlags,
                    $"-I{Headers}",
                    $"-I{Headers}/x86_64",
                    // A C string literal: the version goes into the SBAT entry as it is.
                    $"-DXENDEMO_VERSION=\"{version}\"",
                    "-c",
                    source,
                    "-o",
                    objectFile,
                ])
        );
        await tools.RunAsync(
            HostTools.Ld,
            c =>
                c.WithArguments([
                    "-shared",
                    "-Bsymbolic",
                    "-nostdlib",
                    "-znocombreloc",
                    "--build-id=none",
                    "-T",
                    LinkerScript,
                    StartCode,
                    objectFile,
                    "-o",
                    shared,
                    $"-L{Libraries}",
                    "-lefi",
                    "-lgnuefi",
                ])
        );
        await tools.RunAsync(
            HostTools.Objcopy,
            c =>
                c.WithArguments([
                    .. PeSections.SelectMany(section => new[] { "-j", section }),
                    "--target",
                    "efi-app-x86_64",
                    shared,
                    output,
                ])
        );
        // objcopy stamps the PE header with the clock; the source uses no __DATE__ or __TIME__.
        PeImage.Stamp(output, time);
    }
}
