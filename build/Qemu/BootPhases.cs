using System.Globalization;
using System.Text;

namespace XenDemoCD.Build.Qemu;

/// <summary>One stretch of a boot, from the console line that starts it to the one that ends it.</summary>
public sealed record BootPhase(string Name, TimeSpan Start, TimeSpan End)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>
/// Where a boot's time goes, from the serial console's timed lines: firmware and GRUB (until
/// Xen's, or without Xen the kernel's, first line), Xen until it starts dom0's kernel, the kernel
/// until linuxrc, linuxrc finding the CD, unpacking root.tar.gz and switching root, and systemd
/// until the login prompt. A marker the console never printed leaves its phases out.
/// </summary>
public static class BootPhases
{
    private const string Xen = "(XEN)";
    private const string Kernel = "Linux version";
    private const string Linuxrc = "linuxrc: XenDemoCD initrd:";
    private const string CdFound = "linuxrc: found the CD";
    private const string Unpacking = "linuxrc: unpacking /";
    private const string SwitchRoot = "linuxrc: switching to the RAM root";

    public static IReadOnlyList<BootPhase> Measure(IReadOnlyList<TimedLine> lines, TimeSpan login)
    {
        TimeSpan? At(string marker) =>
            lines.FirstOrDefault(l => l.Text.Contains(marker, StringComparison.Ordinal))?.At;
        var xen = At(Xen);
        var kernel = At(Kernel);
        var linuxrc = At(Linuxrc);
        var found = At(CdFound);
        var unpacking = At(Unpacking);
        var switched = At(SwitchRoot);
        var phases = new List<BootPhase>();
        void Add(string name, TimeSpan? start, TimeSpan? end)
        {
            if (start is { } s && end is { } e && e >= s)
            {
                phases.Add(new BootPhase(name, s, e));
            }
        }
        Add("firmware and GRUB", TimeSpan.Zero, xen ?? kernel);
        Add("Xen until dom0's kernel", xen, kernel);
        Add("kernel until linuxrc", kernel, linuxrc);
        Add("linuxrc: finding the CD", linuxrc, found);
        Add("linuxrc: to the unpacking", found, unpacking);
        Add("linuxrc: unpacking root.tar.gz", unpacking, switched);
        Add("systemd until the login prompt", switched, login);
        return phases;
    }

    /// <summary>The phases as a table: each one's start, its length and its share of the boot.</summary>
    public static string Table(string bootCase, IReadOnlyList<BootPhase> phases, TimeSpan login)
    {
        var table = new StringBuilder();
        table.AppendLine(
            CultureInfo.InvariantCulture,
            $"{bootCase}: login prompt after {login.TotalSeconds:F1} s"
        );
        table.AppendLine("  phase                              start   length  share");
        foreach (var phase in phases)
        {
            table.AppendLine(
                CultureInfo.InvariantCulture,
                $"  {phase.Name, -32} {phase.Start.TotalSeconds, 7:F1} {phase.Duration.TotalSeconds, 7:F1}s {Math.Round(100 * (phase.Duration / login)), 5:F0}%"
            );
        }
        return table.ToString();
    }
}
