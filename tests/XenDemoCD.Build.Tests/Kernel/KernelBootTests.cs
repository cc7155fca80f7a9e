using System.Diagnostics;
using System.IO.Compression;
using XenDemoCD.Build.Qemu;
using XenDemoCD.Build.Tasks;
using XenDemoCD.Build.Tests.Support;

namespace XenDemoCD.Build.Tests.Kernel;

/// <summary>
/// The compiled kernel boots in QEMU (TCG: no KVM here) alone and as Xen's dom0 under the
/// CD's Xen, and reaches a minimal initrd (a static init from TestData/init.c). The kernel is
/// never compiled by a test: IntegrationTests passes the images its run built (under Test,
/// which builds the CD first; then a missing image fails the test), else the tests use the
/// checkout's own <c>out/stages/Kernel</c> and the Xen of <c>out/stages/Hypervisor</c> or
/// <c>DebianHypervisor</c>, and are skipped, with the reason, when there is none.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KernelBootTests : IDisposable
{
    private const string Marker = "XENDEMOCD-TEST-INITRD-REACHED";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static string Kernel =>
        Given(IntegrationTests.KernelVariable)
        ?? Path.Combine(RepositoryRoot.Path, "out", "stages", "Kernel", "vmlinuz");

    private static string Xen =>
        Given(IntegrationTests.XenVariable)
        ?? new[] { "Hypervisor", "DebianHypervisor" }
            .Select(stage => Path.Combine(RepositoryRoot.Path, "out", "stages", stage, "xen.gz"))
            .FirstOrDefault(File.Exists)
        ?? Path.Combine(RepositoryRoot.Path, "out", "stages", "Hypervisor", "xen.gz");

    private static string? Given(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path ? path : null;

    [BootImagesFact]
    public async Task The_kernel_alone_reaches_its_initrd()
    {
        var initrd = await TestInitrdAsync();

        var serial = await BootAsync(
            DirectKernel.Linux(Kernel, initrd, "console=ttyS0 rdinit=/init panic=-1")
        );

        Assert.Contains($"{Marker} hypervisor=none", serial);
    }

    [BootImagesFact]
    public async Task The_kernel_boots_as_dom0_under_the_cds_xen_and_reaches_its_initrd()
    {
        var initrd = await TestInitrdAsync();
        // QEMU loads multiboot kernels uncompressed.
        var xen = temp.Combine("xen");
        using (var gz = new GZipStream(File.OpenRead(Xen), CompressionMode.Decompress))
        using (var file = File.Create(xen))
        {
            await gz.CopyToAsync(file);
        }

        var serial = await BootAsync(
            DirectKernel.XenMultiboot(
                xen,
                "console=com1 com1=115200,8n1 dom0_mem=512M loglvl=all",
                (Kernel, "console=hvc0 earlyprintk=xen rdinit=/init panic=-1"),
                (initrd, "")
            )
        );

        Assert.Contains($"{Marker} hypervisor=xen capabilities=control_d", serial);
    }

    /// <summary>A gzip-compressed newc cpio holding only /init, as the real initrd is packed.</summary>
    private async Task<string> TestInitrdAsync()
    {
        var tree = temp.Combine("initrd");
        Directory.CreateDirectory(tree);
        var source = Path.Combine(
            RepositoryRoot.Path,
            "tests",
            "XenDemoCD.Build.Tests",
            "Kernel",
            "TestData",
            "init.c"
        );
        var (gccExit, gccOutput) = await ProcessRun.RunAsync(
            "gcc",
            ["-static", "-Os", "-o", Path.Combine(tree, "init"), source],
            temp.Path
        );
        Assert.True(
            gccExit == 0,
            $"gcc -static failed (apt-get install gcc libc6-dev): {gccOutput}"
        );

        var cpio = temp.Combine("initrd.cpio");
        var pack = new ProcessStartInfo("cpio", ["-o", "-H", "newc", "--quiet", "-F", cpio])
        {
            WorkingDirectory = tree,
            RedirectStandardInput = true,
        };
        using (var process = Process.Start(pack)!)
        {
            await process.StandardInput.WriteLineAsync("init");
            process.StandardInput.Close();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }
        var initrd = temp.Combine("initrd.gz");
        using (var input = File.OpenRead(cpio))
        using (var output = new GZipStream(File.Create(initrd), CompressionLevel.Optimal))
        {
            await input.CopyToAsync(output);
        }
        return initrd;
    }

    /// <summary>
    /// Boots QEMU's own loader on <paramref name="kernel"/>; returns the console once the marker
    /// is there. One CPU, as in InitrdBootTests: reaching an initrd needs no second, which under
    /// TCG can trap on code the first has just patched.
    /// </summary>
    private async Task<string> BootAsync(DirectKernel kernel)
    {
        await using var console = new QemuMachine("", Firmware.Bios, BootMedia.None, 1024, [])
        {
            Kernel = kernel,
            Cpus = 1,
        }.StartIn(temp);
        await console.WaitForOrFailAsync(Marker, Timeout);
        // The rest of the line (what init found) is written with it.
        await Task.Delay(500);
        return console.Printed;
    }

    /// <summary>Skipped, with the command to run, while the compiled kernel or Xen is missing.</summary>
    private sealed class BootImagesFactAttribute : FactAttribute
    {
        public BootImagesFactAttribute()
        {
            // Images the run built are required: a skip would hide a broken kernel stage.
            var given = Given(IntegrationTests.KernelVariable) is not null;
            if (!given && (!File.Exists(Kernel) || !File.Exists(Xen)))
            {
                Skip =
                    $"needs {Kernel} and {Xen}: ./build.sh --target=Test builds them first (or --target=KernelImage and --target=HypervisorImage; tests never compile the kernel)";
            }
        }
    }
}
