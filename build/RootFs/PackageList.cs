using XenDemoCD.Build.Debian;
using XenDemoCD.Build.Inputs;

namespace XenDemoCD.Build.RootFs;

/// <summary>The "packages" field of bootstrap.json and of a profile: present, and names apt takes.</summary>
public static class PackageList
{
    /// <summary>The list, or an error at the field's (or the bad name's) line; <paramref name="empty"/> is the fix for none.</summary>
    public static List<string> Check(string path, List<string>? packages, string empty)
    {
        if (packages is not { Count: > 0 })
        {
            throw new InputFileException(
                path,
                "the field is missing or empty",
                empty,
                InputJson.LineOf(path, "packages"),
                "packages"
            );
        }
        if (packages.FirstOrDefault(p => !DebianNames.IsPackageName(p)) is { } bad)
        {
            throw InputJson.FieldError(
                path,
                "packages",
                $"'{bad}' is not a package name",
                "write one package per string, as apt names it",
                bad
            );
        }
        return packages;
    }
}
