using System.Diagnostics;
using XenDemoCD.Iso9660.Tests.Support;

namespace XenDemoCD.Iso9660.Tests.Boot;

/// <summary>Boots QEMU (TCG, no KVM here) and waits for a marker on the serial console.</summary>
public static class Qemu
{
    public const string OvmfCode = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    public const string OvmfVars = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    public static string BootAndWaitFor(
        string marker,
        string scratch,
        bool uefi,
        IEnumerable<string> media,
        TimeSpan timeout
    )
    {
        var serial = Path.Combine(scratch, $"serial-{Guid.NewGuid():N}.log");
        var arguments = new List<string>
        {
            "-M",
            "q35",
            "-m",
            "256",
            "-display",
            "none",
            "-no-reboot",
            "-serial",
            $"file:{serial}",
            "-monitor",
            "none",
        };
        if (uefi)
        {
            // A fresh copy of the variable store for every boot: no state leaks between tests.
            var vars = Path.Combine(scratch, $"vars-{Guid.NewGuid():N}.fd");
            File.Copy(DebianTool.RequireFile(OvmfVars, "ovmf"), vars);
            arguments.AddRange([
                "-drive",
                $"if=pflash,format=raw,readonly=on,file={DebianTool.RequireFile(OvmfCode, "ovmf")}",
                "-drive",
                $"if=pflash,format=raw,file={vars}",
            ]);
        }
        arguments.AddRange(media);
        var start = new ProcessStartInfo(DebianTool.Require("qemu-system-x86_64"))
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            while (stopwatch.Elapsed < timeout)
            {
                Thread.Sleep(500);
                var text = File.Exists(serial) ? File.ReadAllText(serial) : "";
                if (text.Contains(marker, StringComparison.Ordinal))
                {
                    return text;
                }
                if (process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"QEMU exited ({process.ExitCode}) before '{marker}': {process.StandardError.ReadToEnd()}\nserial:\n{text}"
                    );
                }
            }
            throw new TimeoutException(
                $"no '{marker}' on the serial console within {timeout}:\n{(File.Exists(serial) ? File.ReadAllText(serial) : "")}"
            );
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
        }
    }
}
