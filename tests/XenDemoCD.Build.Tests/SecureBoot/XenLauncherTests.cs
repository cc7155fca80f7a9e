using System.Text;
using XenDemoCD.Build.Cd;
using XenDemoCD.Build.SecureBoot;
using XenDemoCD.Build.Tests.Support;
using XenDemoCD.Build.Tools;

namespace XenDemoCD.Build.Tests.SecureBoot;

/// <summary>
/// The launcher GRUB's Secure Boot entries chainload, compiled for real with gcc and Debian's
/// gnu-efi. Whether it starts Xen is the <c>uefi-secureboot</c> boot case's to show.
/// </summary>
public sealed class XenLauncherTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(
        1_796_097_651
    );
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private async Task<string> CompileAsync(string name)
    {
        var work = Directory.CreateDirectory(temp.Combine(name)).FullName;
        var output = Path.Combine(work, "xen-launcher.efi");
        await new XenLauncher(
            new ToolRunner("test", CancellationToken.None, CancellationToken.None),
            Epoch
        ).MakeAsync(
            Path.Combine(RepositoryRoot.Path, XenLauncher.Source),
            "1.2-test",
            work,
            output
        );
        return output;
    }

    [Fact]
    public async Task Compiles_to_an_efi_application_carrying_its_sbat_entry_with_the_same_bytes_each_time()
    {
        var first = await CompileAsync("first");
        // A second later, in another directory: neither the clock nor the path reaches the image.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var second = await CompileAsync("second");

        var bytes = File.ReadAllBytes(first);
        Assert.Equal(bytes, File.ReadAllBytes(second));
        var image = PeImage.Read(first);
        Assert.False(image.IsSigned);
        Assert.Contains(".text", image.Sections.Select(s => s.Name));
        Assert.Contains(".reloc", image.Sections.Select(s => s.Name));
        Assert.Contains(".sbat", image.Sections.Select(s => s.Name));
        // The optional header's Subsystem (PE32+, offset 68): 10 is an EFI application.
        var header = BitConverter.ToInt32(bytes, 0x3c);
        Assert.Equal(10, BitConverter.ToUInt16(bytes, header + 24 + 68));
        var text = Encoding.ASCII.GetString(bytes);
        Assert.Contains("\nxendemo-launcher,1,XenDemoCD,xendemo-launcher,1.2-test,", text);
        Assert.Contains("sbat,1,SBAT Version,sbat,1,", text);
    }

    [Fact]
    public void The_launcher_starts_xen_where_the_esp_holds_it()
    {
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, XenLauncher.Source));
        // As a C string literal: each backslash doubled.
        var esp = @"\\" + CdLayout.UnifiedXen.Replace("/", @"\\", StringComparison.Ordinal);

        Assert.Contains($"#define XEN_PATH L\"{esp}\"", source);
    }

    [Fact]
    public async Task The_reloc_section_binutils_marks_discardable_is_kept_loaded_changing_that_flag_alone()
    {
        // The launcher is a real objcopy-made image, as the unified Xen is.
        var image = await CompileAsync("reloc");
        var before = File.ReadAllBytes(image);
        var reloc = PeImage.Read(image).Sections.Single(s => s.Name == ".reloc");
        Assert.NotEqual(0u, reloc.Characteristics & PeSection.Discardable);

        Assert.True(PeImage.KeepLoaded(image, ".reloc"));

        var after = File.ReadAllBytes(image);
        var kept = PeImage.Read(image).Sections.Single(s => s.Name == ".reloc");
        Assert.Equal(reloc.Characteristics & ~PeSection.Discardable, kept.Characteristics);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]);
        Assert.All(
            changed,
            i => Assert.InRange(i, reloc.HeaderOffset + 36, reloc.HeaderOffset + 39)
        );
        Assert.False(PeImage.KeepLoaded(image, ".reloc"));
    }
}
