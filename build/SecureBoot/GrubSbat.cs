using System.Text.RegularExpressions;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.SecureBoot;

/// <summary>
/// <c>grub/sbat.csv</c>, the SBAT section of our GRUB: one line a component, six fields
/// (component, generation, vendor, package, version, URL), the first line SBAT's own
/// (<c>sbat,1,…</c>). shim refuses a GRUB without one, or one whose generations its revocation
/// list (SbatLevel) has passed; a malformed line would only show as that refusal at boot, so
/// it is checked before the build.
/// </summary>
public static partial class GrubSbat
{
    public static void Check(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputFileException(path, "is missing", "restore grub/sbat.csv from git");
        }
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].StartsWith("sbat,1,", StringComparison.Ordinal))
        {
            throw new InputFileException(
                path,
                "the first line must be SBAT's own",
                "start the file with: sbat,1,SBAT Version,sbat,1,https://github.com/rhboot/shim/blob/main/SBAT.md",
                1
            );
        }
        var components = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length != 6)
            {
                throw new InputFileException(
                    path,
                    $"{fields.Length} fields, where SBAT has 6",
                    "write component,generation,vendor,package,version,url (no comma inside a field, no blank line)",
                    i + 1
                );
            }
            if (!Component().IsMatch(fields[0]))
            {
                throw new InputFileException(
                    path,
                    $"'{fields[0]}' is not a component name",
                    "use lower-case letters, digits, '.', '_' and '-', e.g. grub.debian",
                    i + 1,
                    "component"
                );
            }
            if (
                !int.TryParse(fields[1], out var generation)
                || generation < 1
                || fields[1]
                    != generation.ToString(System.Globalization.CultureInfo.InvariantCulture)
            )
            {
                throw new InputFileException(
                    path,
                    $"generation '{fields[1]}' is not a positive whole number",
                    "copy the generation from Debian's signed GRUB of the same version (objcopy -O binary --only-section=.sbat grubx64.efi.signed /dev/stdout)",
                    i + 1,
                    "generation"
                );
            }
            if (!components.Add(fields[0]))
            {
                throw new InputFileException(
                    path,
                    $"the component '{fields[0]}' comes twice",
                    "keep one line per component",
                    i + 1,
                    "component"
                );
            }
        }
        if (!components.Contains("grub"))
        {
            throw new InputFileException(
                path,
                "no 'grub' line: shim checks that generation against its revocations",
                "add the grub line of Debian's signed GRUB of the same version"
            );
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex Component();
}
