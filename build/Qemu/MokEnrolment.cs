using System.Text.RegularExpressions;

namespace XenDemoCD.Build.Qemu;

/// <summary>
/// Enrols the CD's certificate with MokManager over the serial console, as the README tells a
/// person to on the first boot with Secure Boot on: shim refuses our GRUB (not yet trusted) and
/// says so; Enter; a key within shim's ten seconds; "Enroll key from disk"; the CD's ESP (the only
/// filesystem); <c>EFI/</c>, <c>xendemo/</c>, <c>xendemo.cer</c>; Continue; Yes; Reboot. The
/// entries' order is the ESP's, which the build makes the same every time (Cd.EspImage):
/// <c>EFI/</c> holds <c>BOOT/</c> then <c>xendemo/</c>, each list led by <c>../</c>.
/// </summary>
public sealed class MokEnrolment(SerialConsole console, CancellationToken cancellation)
{
    private const string Down = "\u001b[B";
    private const string Enter = "\r";
    private static readonly TimeSpan ToShim = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    /// <summary>The screens, in order: what each shows (a pattern), and the keys that answer it.</summary>
    private static readonly (string Shows, string Keys, string Meaning)[] Screens =
    [
        ("Verification failed", Enter, "shim's refusal of the unenrolled GRUB, acknowledged"),
        ("Press any key to perform MOK management", " ", "MokManager, entered"),
        ("Enroll key from disk", Down + Enter, "Enroll key from disk"),
        // MokManager names a filesystem by its label, else by its device path.
        ("XENDEMO_ESP|PciRoot", Enter, "the CD's ESP (XENDEMO_ESP), the only filesystem"),
        ("EFI/", Enter, "EFI/"),
        ("xendemo/", Down + Down + Enter, "xendemo/ (after ../ and BOOT/)"),
        ("xendemo\\.cer", Down + Enter, "xendemo.cer (after ../)"),
        ("Continue", Down + Enter, "Continue (after View key 0)"),
        ("Enroll the key", Down + Enter, "Yes"),
        ("Reboot", Enter, "Reboot"),
    ];

    /// <summary>Answers each screen in turn; returns what was done, one line a screen.</summary>
    public async Task<IReadOnlyList<string>> EnrolAsync()
    {
        var done = new List<string>();
        foreach (var (shows, keys, meaning) in Screens)
        {
            await console.WaitForAsync(
                new Regex(shows),
                done.Count == 0 ? ToShim : Step,
                cancellation
            );
            // MokManager draws the whole screen after its first words; keys typed before it
            // reads the keyboard are lost.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
            console.Type(keys);
            done.Add($"{console.Elapsed:mm\\:ss} {meaning}");
        }
        return done;
    }
}
