namespace XenDemoCD.Build.Tests.Support;

/// <summary>
/// A tiny shell-script program standing in for a real tool (make, apt-get…), so the tool runner
/// is tested without compilers.
/// </summary>
public static class FakeTool
{
    public static string Create(TempDirectory directory, string name, string script)
    {
        var path = directory.Write(Path.Combine("bin", name), "#!/bin/sh\n" + script + "\n");
        File.SetUnixFileMode(
            path,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        );
        return path;
    }
}
